using AligNet.Data.Participation;
using AligNet.Domain.Participation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Integration.Tests.Participants;

/// <summary>
/// The group-commit queue of the answer path against the real PostgreSQL: many answers at once (each also sent a
/// second time concurrently, as a retrying browser would) travel in shared batches, and each is stored exactly once;
/// a statement PostgreSQL refuses fails alone, without taking its batch's other answers with it.
/// </summary>
public class ResponseWriteQueueTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_answers_share_batches_and_each_is_stored_once_while_a_refused_one_fails_alone()
    {
        await using var db = App.Database.CreateContext();
        var study = await ParticipantStudy.CreateAsync(db, App.StimulusRoot);
        using var http = App.CreateClient();
        var answers = new List<ResponseInsert>();
        var sessions = new List<Guid>();
        for (var s = 0; s < 3; s++)
        {
            var participant = new ParticipantClient(http);
            var opened = await participant.StartAsync(study.Id);
            await participant.ConsentAsync();
            var trials = await participant.AllTrialsAsync();
            var expected = await db.Trials.Where(t => t.SessionId == opened.SessionId).ToDictionaryAsync(t => t.Id, t => t.ExpectedPosition, Ct);
            sessions.Add(opened.SessionId);
            answers.AddRange(trials.Select(t => new ResponseInsert(opened.SessionId, SessionTokens.Hash(opened.Token!),
                new ResponseSubmission(Guid.NewGuid(), t.Id, expected[t.Id] ?? t.Index % 3, InputMode.Keyboard, 1000, 2200 + t.Index, 16.7, false, 0), 2_000)));
        }
        // Position 5 passes the statement's own filters but breaks the table's check: PostgreSQL refuses it.
        var refused = answers[0] with { Submission = answers[0].Submission with { Id = Guid.NewGuid(), TrialId = answers[1].Submission.TrialId, ChosenPosition = 5 } };

        await using var data = NpgsqlDataSource.Create(App.Database.ConnectionString);
        await using var queue = new ResponseWriteQueue(data);
        var first = answers.Select(queue.InsertAsync).ToList();
        var refusedTask = queue.InsertAsync(refused);
        var retries = answers.Select(queue.InsertAsync).ToList();
        var firstOutcomes = await Task.WhenAll(first);
        var retryOutcomes = await Task.WhenAll(retries);

        var error = await Assert.ThrowsAsync<PostgresException>(() => refusedTask);
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        for (var i = 0; i < answers.Count; i++)
        {
            // Exactly one of the two copies stored it; both saw the session and the trial.
            Assert.True(firstOutcomes[i]!.Inserted ^ retryOutcomes[i]!.Inserted, $"answer {i}: {firstOutcomes[i]} / {retryOutcomes[i]}");
            Assert.True(firstOutcomes[i]!.TokenMatches);
            Assert.Equal(answers[i].SessionId, firstOutcomes[i]!.TrialSession);
        }
        Assert.True(queue.Sent.Batches < queue.Sent.Answers, $"no batch held more than one answer: {queue.Sent}");

        await using var check = App.Database.CreateContext();
        var stored = await check.Responses.Where(r => sessions.Contains(r.SessionId)).Select(r => r.Id).ToListAsync(Ct);
        Assert.Equal(answers.Select(a => a.Submission.Id).Order(), stored.Order());
        // The session's answered count in each outcome never exceeds its trials (later statements see earlier ones).
        Assert.All(firstOutcomes.Concat(retryOutcomes), o => Assert.InRange(o!.AnsweredBefore, 0, o.Total));
        Assert.Contains(firstOutcomes.Concat(retryOutcomes), o => o!.AnsweredBefore > 0);
    }

    [Fact]
    public async Task An_unknown_session_gets_no_row_and_a_lone_answer_is_sent_without_waiting_for_company_with_or_without_writers()
    {
        await using var data = NpgsqlDataSource.Create(App.Database.ConnectionString);
        await using var queue = new ResponseWriteQueue(data);
        var lone = new ResponseInsert(Guid.NewGuid(), SessionTokens.Hash("x"),
            new ResponseSubmission(Guid.NewGuid(), Guid.NewGuid(), 1, InputMode.Keyboard, 1000, 2000, null, false, 0), 2_000);

        await using var off = new ResponseWriteQueue(data, writers: 0);

        Assert.Null(await queue.InsertAsync(lone).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Null(await off.InsertAsync(lone).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal((1L, 1L), queue.Sent);
        Assert.Equal((1L, 1L), off.Sent);
    }
}
