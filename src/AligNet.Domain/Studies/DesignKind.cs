namespace AligNet.Domain.Studies;

/// <summary>How a study chooses each person's triplets. Adaptive designs (teacher uncertainty) join this list later.</summary>
public enum DesignKind
{
    /// <summary>Random triplets, steered so that every pair of stimuli is shown about equally often across people.</summary>
    BalancedRandom,

    /// <summary>Imported trial lists, one per participant (e.g. the Levels experiment's 100 lists of 330 trials).</summary>
    FixedLists,
}
