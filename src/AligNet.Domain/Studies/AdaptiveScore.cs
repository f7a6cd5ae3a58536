namespace AligNet.Domain.Studies;

/// <summary>
/// What makes a triplet informative for an adaptive study's queue (the refill run maps it onto the scorer's own enum
/// in AligNet.Ml, which the domain does not reference).
/// </summary>
public enum AdaptiveScore
{
    /// <summary>Entropy of the teacher's calibrated odd-one-out distribution: the triplets it is least sure about.</summary>
    Entropy,

    /// <summary>Expected information gain about the teacher's parameters (BALD-style), the more expensive option.</summary>
    ExpectedInformationGain,
}
