using AligNet.Data.Runs;
using Npgsql;

namespace AligNet.Web.Runs;

/// <summary>
/// One LISTEN connection per web process on <see cref="RunNotifications.Channel"/>: workers announce each change of a
/// run there, and this forwards the ids to <see cref="RunChangeNotifier"/>. Reconnects after a lost connection.
/// </summary>
public sealed class RunChangeListener(NpgsqlDataSource dataSource, RunChangeNotifier notifier, ILogger<RunChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var runId)) notifier.Publish(runId);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {RunNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                logger.LogInformation("Listening for run changes on {Channel}", RunNotifications.Channel);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Run change listener lost its connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
