using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Runs;

/// <summary>Checks made before a run is queued, so that a run bound to fail is refused with the fix instead.</summary>
public static class RunPreconditions
{
    public static async Task CheckAsync(AligNetDbContext db, RunParameters parameters, IReadOnlyList<RunKind> earlierSteps, CancellationToken ct = default)
    {
        if (parameters.StimulusSetId is not { } setId) return;
        var set = await db.StimulusSets.AsNoTracking().Where(s => s.Id == setId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new RunRefusedException($"No stimulus set with id {setId}: pick one on the Stimulus sets page.");
        var computesEmbeddings = parameters.Kind == RunKind.Embeddings || earlierSteps.Contains(RunKind.Embeddings);
        if (parameters is TeacherRunParameters teacher && !computesEmbeddings)
        {
            var embedded = await db.Embeddings.CountAsync(e => e.Model == teacher.BaseModel && (teacher.BaseModelVersion == "" || e.Version == teacher.BaseModelVersion)
                && db.Stimuli.Any(s => s.Id == e.StimulusId && s.StimulusSetId == setId), ct);
            if (embedded < 3) throw new RunRefusedException($"'{set}' has no embeddings of {teacher.BaseModel} {teacher.BaseModelVersion}: compute them first (an Embeddings step or the Stimulus sets page) or import them.");
        }
        if (parameters is TeacherRunParameters || (parameters is PipelineRunParameters p && p.Steps.Contains(RunKind.Teacher)))
        {
            var human = await db.TripletDatasets.AnyAsync(d => d.StimulusSetId == setId, ct)
                || await db.Responses.AnyAsync(r => r.ChosenStimulusId != null && db.Trials.Any(t => t.Id == r.TrialId
                    && db.Sessions.Any(s => s.Id == t.SessionId && db.Studies.Any(st => st.Id == s.StudyId && st.StimulusSetId == setId))), ct);
            if (!human) throw new RunRefusedException($"'{set}' has no human judgments yet: collect responses in a study of this set or import a triplet data set before training a teacher.");
        }
        if (parameters is AdaptiveRefillRunParameters refill) await CheckRefillAsync(db, refill, set, ct);
        if (parameters is StudentRunParameters { TrainFrom: not null })
        {
            var withoutImage = await db.Stimuli.CountAsync(s => s.StimulusSetId == setId && s.ImagePath == null, ct);
            if (withoutImage > 0)
                throw new RunRefusedException($"'{set}' has {withoutImage} stimuli without an image (an image student trains the ResNet18 on the set's pictures): " +
                    "choose an embedding student, or use a set of images (Stimulus sets page, import images).");
        }
        // Student and evaluation steps without a named input take it from an earlier step, which must then exist.
        if (parameters is StudentRunParameters { DatasetId: null } && !earlierSteps.Contains(RunKind.AligNetData))
            throw new RunRefusedException("A student needs an AligNet data set: name one, or add an AligNet-data step before it.");
        if (parameters is EvaluationRunParameters { ModelVersionId: null } && !earlierSteps.Contains(RunKind.Teacher))
            throw new RunRefusedException("An evaluation needs a model version: name one, or add a teacher step before it.");
    }

    private static async Task CheckRefillAsync(AligNetDbContext db, AdaptiveRefillRunParameters refill, string set, CancellationToken ct)
    {
        var adaptive = await db.Studies.AsNoTracking().Where(s => s.Id == refill.StudyId && s.StimulusSetId == refill.SetId)
            .Select(s => (bool?)s.AdaptiveSampling).FirstOrDefaultAsync(ct)
            ?? throw new RunRefusedException($"No study {refill.StudyId} shows '{set}': refill the queue from the study's own page.");
        if (!adaptive) throw new RunRefusedException("The study does not sample adaptively: turn on adaptive sampling in its design first.");
        if (!await db.ModelVersions.AnyAsync(m => m.StimulusSetId == refill.SetId && m.Kind == Domain.Models.ModelKind.Teacher, ct))
            throw new RunRefusedException($"'{set}' has no teacher yet: until one is trained (Teachers page, or a schedule's data trigger) the study's adaptive slots fall back to balanced random.");
        if (refill.Candidates is < 3 or > 1_000_000 || refill.Keep < 1 || refill.Keep > refill.Candidates)
            throw new RunRefusedException("Score between 3 and 1,000,000 candidate triplets and keep between 1 and that many.");
    }
}
