namespace AligNet.Domain.Participation;

public enum TrialKind
{
    Practice,
    Main,
    /// <summary>Two stimuli of one category and one from a distant category: an attention check.</summary>
    Catch,
    /// <summary>A triplet shown again to the same person, at least 16 trials later, for within-person consistency.</summary>
    RepeatProbe,
}
