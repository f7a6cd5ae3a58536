namespace AligNet.Domain.Designs;

/// <summary>An unordered triplet: the same three stimuli in any order give the same key.</summary>
public readonly record struct TripletKey
{
    public Guid Low { get; }
    public Guid Middle { get; }
    public Guid High { get; }

    public TripletKey(Guid a, Guid b, Guid c)
    {
        if (a.CompareTo(b) > 0) (a, b) = (b, a);
        if (b.CompareTo(c) > 0) (b, c) = (c, b);
        if (a.CompareTo(b) > 0) (a, b) = (b, a);
        (Low, Middle, High) = (a, b, c);
    }
}

/// <summary>The triplets one person has been given so far; a design never gives the same one twice.</summary>
public sealed class UsedTriplets
{
    private readonly HashSet<TripletKey> _keys = [];

    public int Count => _keys.Count;
    public bool Contains(Guid a, Guid b, Guid c) => _keys.Contains(new TripletKey(a, b, c));
    public bool TryAdd(Guid a, Guid b, Guid c) => _keys.Add(new TripletKey(a, b, c));
}
