namespace AligNet.Ml.Generation;

/// <summary>
/// The unordered triplets drawn so far, as a set of packed keys (sorted indices, 21 bits each: pools up to 2,097,152
/// items). Open addressing with linear probing over a power-of-two table at most three quarters full: 8 bytes a slot,
/// 134 MB for 10 million triplets, against ~ 300 MB for a HashSet&lt;long&gt; while it grows.
/// </summary>
internal sealed class TripletKeySet
{
    public const int MaxPoolSize = 1 << 21;
    private long[] slots = [];
    private int mask;
    private int shift;

    public TripletKeySet(long expected)
    {
        var size = (int)Math.Min(1L << 30, Math.Max(1024, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, expected * 4 / 3 + 1))));
        Allocate(size);
    }

    private void Allocate(int size)
    {
        slots = new long[size];
        mask = size - 1;
        shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public long Count { get; private set; }

    /// <summary>The key of {a, b, c}, whatever their order; never 0 (the largest index is at least 2), which marks an empty slot.</summary>
    public static long Key(int a, int b, int c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return ((long)a << 42) | ((long)b << 21) | (uint)c;
    }

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(long key)
    {
        if ((Count + 1) * 4 > slots.Length * 3L) Grow();
        var at = Slot(key);
        while (true)
        {
            var current = slots[at];
            if (current == key) return false;
            if (current == 0)
            {
                slots[at] = key;
                Count++;
                return true;
            }
            at = (at + 1) & mask;
        }
    }

    public bool Contains(long key)
    {
        for (var at = Slot(key); ; at = (at + 1) & mask)
        {
            if (slots[at] == key) return true;
            if (slots[at] == 0) return false;
        }
    }

    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> shift);

    private void Grow()
    {
        var old = slots;
        Allocate(old.Length * 2);
        Count = 0;
        foreach (var key in old) if (key != 0) Add(key);
    }
}
