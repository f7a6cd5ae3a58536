using AligNet.Domain.Models;

namespace AligNet.TestSupport;

/// <summary>
/// A registered teacher version as a bare row (no artifact): enough for what reads only that a teacher exists and
/// which one, e.g. the adaptive queue's foreign key and the study page's panel. Tests that load the model train one.
/// </summary>
public static class TeacherRows
{
    public static ModelVersion New(Guid setId) => new()
    {
        Id = Guid.NewGuid(), StimulusSetId = setId, Kind = ModelKind.Teacher, BaseModel = "base", BaseModelVersion = "1",
        DataSnapshot = "{}", HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "teachers/none", CreatedAt = DateTimeOffset.UtcNow,
    };
}
