using AligNet.Domain.Stimuli;

namespace AligNet.Domain.Participation;

/// <summary>
/// One triplet assigned to a session, in the order shown on screen: position 0 is left, 1 middle, 2 right.
/// Positions are randomised per trial and stored, so position bias can be measured.
/// </summary>
public class Trial
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public ParticipantSession? Session { get; set; }

    /// <summary>0-based order within the session (practice trials first).</summary>
    public int Index { get; set; }
    public int Block { get; set; }
    public TrialKind Kind { get; set; }

    public Guid Stimulus0Id { get; set; }
    public Stimulus? Stimulus0 { get; set; }
    public Guid Stimulus1Id { get; set; }
    public Stimulus? Stimulus1 { get; set; }
    public Guid Stimulus2Id { get; set; }
    public Stimulus? Stimulus2 { get; set; }

    /// <summary>Where the expected odd one out is on screen, for catch and practice trials; null when no answer is right.</summary>
    public int? ExpectedPosition { get; set; }

    /// <summary>For a repeat probe: the index of the trial it repeats.</summary>
    public int? RepeatOfIndex { get; set; }

    /// <summary>The design's class of the triplet (e.g. Levels' between_class), when it has one.</summary>
    public string? Condition { get; set; }

    /// <summary>Adaptive studies: which arm chose this main trial; null elsewhere (ADR-021).</summary>
    public TrialArm? Arm { get; set; }

    /// <summary>For an <see cref="TrialArm.Adaptive"/> trial, the teacher model version whose queue it came from.</summary>
    public Guid? TeacherVersionId { get; set; }

    public Response? Response { get; set; }

    public Guid StimulusAt(int position) => position switch
    {
        0 => Stimulus0Id,
        1 => Stimulus1Id,
        2 => Stimulus2Id,
        _ => throw new ArgumentOutOfRangeException(nameof(position), position, "A triplet has positions 0, 1 and 2."),
    };
}
