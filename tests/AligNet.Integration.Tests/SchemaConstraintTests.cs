using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Integration.Tests;

/// <summary>The database itself guards the invariants that "nothing lost, nothing doubled" rests on.</summary>
public class SchemaConstraintTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_second_response_to_the_same_trial_is_refused()
    {
        var trial = await SeedTrialAsync();
        await using (var db = database.CreateContext())
        {
            db.Responses.Add(NewResponse(trial));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var again = database.CreateContext();
        again.Responses.Add(NewResponse(trial));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Responses.CountAsync(r => r.TrialId == trial.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_trial_that_shows_one_stimulus_twice_is_refused()
    {
        var trial = await SeedTrialAsync();
        await using var db = database.CreateContext();
        db.Trials.Add(new Trial
        {
            Id = Guid.NewGuid(), SessionId = trial.SessionId, Index = 1, Kind = TrialKind.Main,
            Stimulus0Id = trial.Stimulus0Id, Stimulus1Id = trial.Stimulus0Id, Stimulus2Id = trial.Stimulus2Id,
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Enums_are_stored_as_readable_strings()
    {
        await SeedTrialAsync();
        await using var db = database.CreateContext();

        var states = await db.Database.SqlQueryRaw<string>("SELECT \"State\" AS \"Value\" FROM alignet.studies")
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["Open"], states);
    }

    private static Response NewResponse(Trial trial) => new()
    {
        Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = trial.SessionId, ChosenPosition = 2,
        ChosenStimulusId = trial.Stimulus2Id, Input = InputMode.Keyboard, OnsetTimeMs = 1000, ResponseTimeMs = 2500,
        RtMs = 1500, ReceivedAt = DateTimeOffset.UtcNow,
    };

    private async Task<Trial> SeedTrialAsync()
    {
        await using var db = database.CreateContext();
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "set " + Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < 3; i++)
        {
            set.Stimuli.Add(new Stimulus
            {
                Id = Guid.NewGuid(), Index = i, Label = $"item {i}", ImagePath = $"{i}.png", ContentType = "image/png",
                Sha256 = new string((char)('a' + i), 64), Width = 10, Height = 10,
            });
        }
        var study = new Study { Id = Guid.NewGuid(), Name = "study", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow };
        var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.Prolific, ExternalId = "pid-" + Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        var session = new ParticipantSession { Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow };
        var trial = new Trial
        {
            Id = Guid.NewGuid(), SessionId = session.Id, Index = 0, Kind = TrialKind.Main,
            Stimulus0Id = set.Stimuli[0].Id, Stimulus1Id = set.Stimuli[1].Id, Stimulus2Id = set.Stimuli[2].Id,
        };
        db.AddRange(set, study, participant, session, trial);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return trial;
    }
}
