using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AligNet.TestSupport;

/// <summary>
/// A TCP relay on loopback between a program and PostgreSQL, for fault tests: <see cref="OutageAsync"/> cuts every
/// open connection and refuses new ones for a while (what a PostgreSQL restart looks like to its clients: pooled
/// connections go stale, new ones fail), <see cref="StallAsync"/> stops relaying bytes for a while (a stalled
/// network or server). Loopback only, and every fault is bounded in time.
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Server)> links = new();
    private readonly CancellationTokenSource stop = new();
    private volatile bool refusing;
    private volatile TaskCompletionSource stalled = Completed();
    private int nextLink;

    private LoopbackTcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static LoopbackTcpProxy Start(int targetPort) => new(targetPort);

    /// <summary>Cuts every connection (reset) and refuses new ones for <paramref name="duration"/>.</summary>
    public async Task OutageAsync(TimeSpan duration)
    {
        refusing = true;
        foreach (var (id, link) in links)
        {
            Reset(link.Client);
            Reset(link.Server);
            links.TryRemove(id, out _);
        }
        await Task.Delay(duration);
        refusing = false;
    }

    /// <summary>Holds every byte in both directions for <paramref name="duration"/>; connections stay open.</summary>
    public async Task StallAsync(TimeSpan duration)
    {
        stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.Delay(duration);
        stalled.TrySetResult();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            if (refusing) { Reset(client); continue; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        var id = Interlocked.Increment(ref nextLink);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stop.Token);
            links[id] = (client, server);
            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut connection: both ends are closed below.
        }
        finally
        {
            links.TryRemove(id, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
            {
                await stalled.Task;
                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other direction or an outage closed the link.
        }
    }

    private static void Reset(TcpClient client)
    {
        // Linger 0: the close is a reset, as when the server process dies. A link closed meanwhile has no socket.
        try { if (client.Client is { } socket) socket.LingerState = new LingerOption(true, 0); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        client.Dispose();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var (_, link) in links) { link.Client.Dispose(); link.Server.Dispose(); }
        stalled.TrySetResult();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
