namespace AligNet.Domain.Designs;

/// <summary>
/// How often a pair of stimuli has been shown in a study's main trials, across everyone: the balanced random
/// design's coverage, kept in PostgreSQL so that every web instance balances against the same counts.
/// <see cref="Low"/> sorts before <see cref="High"/> (Guid order), so each unordered pair has one row.
/// </summary>
public class StudyPairCount
{
    public Guid StudyId { get; set; }
    public Guid Low { get; set; }
    public Guid High { get; set; }
    public int Count { get; set; }
}
