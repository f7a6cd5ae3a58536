namespace AligNet.Domain.Designs;

/// <summary>
/// One triplet waiting in an adaptive study's queue (<c>alignet.adaptive_queue</c>, ADR-021): scored by a teacher
/// version, popped at most once by a trial batch (<c>DELETE … FOR UPDATE SKIP LOCKED … RETURNING</c>) and replaced
/// wholesale by each refill run. The three stimuli are stored in the order of their rows in the set's embeddings
/// (i &lt; j &lt; k), so one triplet has one key per study.
/// </summary>
public class AdaptiveQueueItem
{
    public long Id { get; set; }
    public Guid StudyId { get; set; }
    public Guid StimulusA { get; set; }
    public Guid StimulusB { get; set; }
    public Guid StimulusC { get; set; }

    /// <summary>The teacher's uncertainty about the triplet (higher = more informative); pops take the highest first.</summary>
    public double Score { get; set; }

    public Guid TeacherVersionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
