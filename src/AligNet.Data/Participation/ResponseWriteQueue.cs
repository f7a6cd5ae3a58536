using System.Threading.Channels;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// Group commit for answers: requests hand their insert to a queue, and a few writer loops send whatever has
/// gathered as one <see cref="NpgsqlBatch"/> — one round trip and one transaction for up to <see cref="MaxBatch"/>
/// answers. Why (issue 15, benchmarks/README.md): on two shared cores the answer path spent its time waiting for
/// PostgreSQL, one backend wake-up and one commit per answer; at 64 connections 64 backends competed for the cores
/// and p99 fell off a cliff. With <see cref="DefaultWriters"/> loops at most that many connections carry answers, whatever
/// the number of clients, and a busy server sends bigger batches instead of more statements.
/// Nothing waits for a batch to fill: a lone answer is sent at once, so light load keeps one round trip.
/// Exactly-once is unchanged: each statement is the same idempotent insert (<c>ON CONFLICT DO NOTHING</c>), later
/// statements of a batch see the earlier ones, and a batch commits or rolls back whole. If PostgreSQL refuses one
/// statement (which rolls back the batch), each answer is sent again alone so that only the faulty one fails.
/// </summary>
public sealed class ResponseWriteQueue : IAsyncDisposable
{
    /// <summary>
    /// Connections used for answers at once (setting <see cref="WritersSetting"/>): two cores, one batch executing
    /// while the next gathers. 0 turns the queue off: each request sends its own statement, as before issue 15
    /// (kept so the benchmark can compare both in one run).
    /// </summary>
    public const int DefaultWriters = 2;

    public const string WritersSetting = "Participants:AnswerWriters";

    /// <summary>Largest batch: bounds one transaction's size and the wait of the answers queued behind it.</summary>
    public const int MaxBatch = 64;

    private readonly NpgsqlDataSource dataSource;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>();
    private readonly Task[] writerLoops;
    private long batches, answers;

    /// <summary>Batches and answers sent so far (answers / batches is the mean batch size).</summary>
    public (long Batches, long Answers) Sent => (Interlocked.Read(ref batches), Interlocked.Read(ref answers));

    private sealed record Pending(ResponseInsert Insert, TaskCompletionSource<ResponseInsert.Outcome?> Done);

    public ResponseWriteQueue(NpgsqlDataSource dataSource, int writers = DefaultWriters)
    {
        this.dataSource = dataSource;
        writerLoops = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
        if (writers == 0) pending.Writer.TryComplete();
    }

    /// <summary>The statement's outcome, or null when the session does not exist.</summary>
    public Task<ResponseInsert.Outcome?> InsertAsync(ResponseInsert insert)
    {
        // Continuations run on the thread pool, never inside a writer loop (which would stall the next batch).
        var item = new Pending(insert, new TaskCompletionSource<ResponseInsert.Outcome?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (pending.Writer.TryWrite(item)) return item.Done.Task;
        return ExecuteAloneAsync(insert); // the queue is closed (shutting down): no answer is turned away for that
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count > 0) await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var outcomes = await ExecuteAsync([.. batch.Select(p => p.Insert)]);
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // One statement was refused (or the batch lost a deadlock) and the whole batch rolled back: nothing of
            // it is stored, so each answer is sent alone and gets its own outcome or error.
            foreach (var item in batch)
            {
                try { item.Done.TrySetResult(await ExecuteAloneAsync(item.Insert)); }
                catch (Exception e) { item.Done.TrySetException(e); }
            }
        }
        catch (Exception e)
        {
            // The connection broke or PostgreSQL is unavailable: every request sees the error (answered 503, and the
            // client repeats the answer with the same id, so a batch that did commit is acknowledged as a duplicate).
            foreach (var item in batch) item.Done.TrySetException(e);
        }
    }

    private async Task<ResponseInsert.Outcome?> ExecuteAloneAsync(ResponseInsert insert) => (await ExecuteAsync([insert]))[0];

    private async Task<ResponseInsert.Outcome?[]> ExecuteAsync(ResponseInsert[] inserts)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref answers, inserts.Length);
        await using var batch = dataSource.CreateBatch();
        foreach (var insert in inserts) batch.BatchCommands.Add(insert.ToCommand());
        var outcomes = new ResponseInsert.Outcome?[inserts.Length];
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < inserts.Length; i++)
        {
            if (i > 0) await reader.NextResultAsync();
            outcomes[i] = await reader.ReadAsync() ? ResponseInsert.Read(reader) : null;
        }
        return outcomes;
    }

    /// <summary>Sends what is still queued, then stops the writers (the host disposes this at shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(writerLoops);
    }
}
