using AligNet.Data.Runs;
using AligNet.Domain.Runs;
using AligNet.Jobs;
using AligNet.Pipelines.Runs;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// The Evaluation run kind: <see cref="ModelEvaluationPipeline"/> with the evaluation id = the run id, so a second
/// attempt stores one row; the evaluated version is linked on the run. Without a version named, a pipeline step
/// evaluates the teacher its pipeline's teacher step trained. A cancel request stops it before scoring or storing.
/// </summary>
public sealed class ModelEvaluationJob(RunExecutor executor) : IModelEvaluationJob, IRunPipeline<EvaluationRunParameters>
{
    public Task<string> RunAsync(Guid runId) => executor.ExecuteAsync(runId, this);

    public async Task<RunResult> RunAsync(RunContext<EvaluationRunParameters> run)
    {
        var p = run.Parameters;
        var versionId = p.ModelVersionId ?? await new PipelineChain(run.Db).ProducedByEarlierStepAsync(run.Run, RunKind.Teacher, run.Cancellation)
            ?? throw new RunInputException("No model version to evaluate: name one, or put the evaluation after a teacher step.");
        run.Progress.Report(new RunProgress("evaluating", 0, 1), milestone: true);
        var evaluation = await new ModelEvaluationPipeline(run.Db, run.Roots.Artifacts, run.Roots.Stimuli)
            .EvaluateAsync(new(versionId, p.Bootstrap, p.Seed, run.Run.RequestedBy, EvaluationId: run.RunId, AllowCuda: p.Cuda), run.Cancellation);
        run.Progress.Report(new RunProgress("evaluated", 1, 1), milestone: true);
        return new RunResult($"Evaluation {evaluation.Id} of model version {versionId}: accuracy {evaluation.Accuracy:F4} " +
            $"[{evaluation.AccuracyCiLow:F4}, {evaluation.AccuracyCiHigh:F4}] vs base {evaluation.BaseAccuracy:F4} on {evaluation.Responses} test responses.",
            ModelVersionId: versionId);
    }
}
