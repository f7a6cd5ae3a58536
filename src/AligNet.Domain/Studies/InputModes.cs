namespace AligNet.Domain.Studies;

/// <summary>Which inputs a study accepts for choosing the odd one out.</summary>
[Flags]
public enum InputModes
{
    None = 0,
    /// <summary>Keys 1, 2, 3 for left, middle, right.</summary>
    NumberKeys = 1,
    /// <summary>Keys ←, ↓, → for left, middle, right (Levels).</summary>
    ArrowKeys = 2,
    Mouse = 4,
    Touch = 8,
    All = NumberKeys | ArrowKeys | Mouse | Touch,
}
