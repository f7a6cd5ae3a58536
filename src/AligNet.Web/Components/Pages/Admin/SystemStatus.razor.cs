using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.Jobs;
using AligNet.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AligNet.Web.Components.Pages.Admin;

public partial class SystemStatus : IDisposable
{
    [Inject] private HealthCheckService Health { get; set; } = default!;
    [Inject] private JobStorage Storage { get; set; } = default!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = default!;
    [Inject] private AuditTrail Audit { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private HealthReport? health;
    private IList<ServerDto> servers = [];
    private string? probeJobId;
    private string? probeState;
    private PeriodicTimer? poll;

    protected override async Task OnInitializedAsync()
    {
        servers = Storage.GetMonitoringApi().Servers();
        health = await Health.CheckHealthAsync();
    }

    private async Task ProbeGpuWorker()
    {
        probeJobId = Jobs.Enqueue<IDeviceProbeJob>(job => job.ProbeAsync());
        await Audit.RecordAsync((await CurrentStaff.RequireAsync(Authentication)).Email, AuditActions.JobSchedule, "worker/gpu",
            new { job = "device-probe", id = probeJobId });
        probeState = "queued";
        _ = FollowProbeAsync(probeJobId);
    }

    /// <summary>Polls the job's state until it ends, so the admin sees the worker's answer without reloading.</summary>
    private async Task FollowProbeAsync(string jobId)
    {
        poll?.Dispose();
        poll = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 120 && await poll.WaitForNextTickAsync(); i++)
        {
            var details = Storage.GetMonitoringApi().JobDetails(jobId);
            var last = details?.History.FirstOrDefault();
            probeState = last is null ? "queued" : last.StateName == "Succeeded" && last.Data.TryGetValue("Result", out var result)
                ? $"Succeeded: {result}"
                : last.StateName;
            await InvokeAsync(StateHasChanged);
            if (last?.StateName is "Succeeded" or "Failed" or "Deleted") break;
        }
    }

    public void Dispose() => poll?.Dispose();
}
