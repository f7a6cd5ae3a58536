using AligNet.Data.Exports;
using AligNet.Domain.Participation;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;
using nietras.SeparatedValues;
using Microsoft.EntityFrameworkCore;
using Parquet;

namespace AligNet.Integration.Tests;

public class ExportTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private SampleStudy sample = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        sample = await SampleStudy.CreateAsync(db, sessions: 3, trialsPerSession: 5, excludeLast: true);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<(long Rows, MemoryStream Output)> ExportAsync(ExportFormat format, Guid? study = null)
    {
        await using var db = database.CreateContext();
        var output = new MemoryStream();
        var rows = await new ResponseExporter(db).ExportAsync(format, new ExportFilter(study ?? sample.StudyId, RawParticipantIds: true), output, TestContext.Current.CancellationToken);
        output.Position = 0;
        return (rows, output);
    }

    [Fact]
    public async Task Csv_has_one_row_per_trial_with_every_dictionary_column_in_order()
    {
        var (rows, output) = await ExportAsync(ExportFormat.Csv);

        using var reader = Sep.Reader(o => o with { Unescape = true }).From(output);
        Assert.Equal(ResponseExportColumns.All.Select(c => c.Name), reader.Header.ColNames);
        var records = reader.Enumerate(r => (Participant: r["participant"].ToString(), Study: r["study"].ToString(), Trial: r["trial_index"].Parse<int>(),
            Chosen: r["chosen_position"].ToString(), Qc: r["qc_status"].ToString(), Rt: r["rt_ms"].Parse<double>(),
            Onset: r["onset_method"].ToString())).ToList();
        Assert.Equal(15, rows);
        Assert.Equal(15, records.Count);
        Assert.All(records, r => Assert.Equal("Sample, \"quoted\" study", r.Study)); // quoted and escaped correctly
        Assert.Equal(["PID 0", "PID 1", "PID 2"], records.Select(r => r.Participant).Distinct());
        Assert.Equal([0, 1, 2, 3, 4], records.Take(5).Select(r => r.Trial));
        Assert.Equal(["0", "1", "2", "0", ""], records.Take(5).Select(r => r.Chosen)); // session 0: (0 + t) mod 3; last a timeout
        Assert.Equal(5, records.Count(r => r.Qc == "Excluded"));
        Assert.All(records, r => Assert.Equal(1000.5, r.Rt));
        Assert.Equal(["ElementTiming", "SecondAnimationFrame", "ElementTiming"], records.Take(3).Select(r => r.Onset));
    }

    [Fact]
    public async Task Parquet_holds_the_same_rows_and_columns()
    {
        var (rows, output) = await ExportAsync(ExportFormat.Parquet);

        await using var reader = await ParquetReader.CreateAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        var fields = reader.Schema.DataFields;
        using var group = reader.OpenRowGroupReader(0);
        var participants = new string?[group.RowCount];
        var chosen = new int?[group.RowCount];
        var onsetMethods = new string?[group.RowCount];
        await group.ReadAsync(fields.Single(f => f.Name == "onset_method"), onsetMethods.AsMemory(), null, TestContext.Current.CancellationToken);
        await group.ReadAsync(fields.Single(f => f.Name == "participant"), participants.AsMemory(), null, TestContext.Current.CancellationToken);
        await group.ReadAsync(fields.Single(f => f.Name == "chosen_position"), chosen.AsMemory(), null, TestContext.Current.CancellationToken);

        Assert.Equal(15, rows);
        Assert.Equal(1, reader.RowGroupCount);
        Assert.Equal(15, group.RowCount);
        Assert.Equal(ResponseExportColumns.All.Select(c => c.Name), fields.Select(f => f.Name));
        Assert.Equal("PID 0", participants[0]);
        Assert.Equal([0, 1, 2, 0, null], chosen.Take(5));
        Assert.Equal(["ElementTiming", "SecondAnimationFrame"], onsetMethods.Take(2));
    }

    [Fact]
    public async Task Odd_last_leaves_out_timeouts_and_excluded_sessions_and_puts_the_chosen_item_last()
    {
        var (rows, output) = await ExportAsync(ExportFormat.OddLast);

        var triplets = TripletFileReader.Read(new StreamReader(output), "export", TripletFormat.OddLast, SampleStudy.Stimuli);
        Assert.Equal(8, rows); // 2 valid sessions × 4 answered trials
        Assert.Equal(8, triplets.Count);
        // Session 0, trial 0 shows (0, 1, 2) and picks position 0 → odd item 0, the others 1 and 2.
        Assert.Equal(new TripletResponse(1, 2, 0, "PID_0"), triplets[0]);
        // Session 1, trial 0 shows (0, 1, 2) and picks position 1 → odd item 1.
        Assert.Equal(new TripletResponse(0, 2, 1, "PID_1"), triplets[4]);
        Assert.DoesNotContain(triplets, t => t.Subject == "PID_2");
    }

    [Fact]
    public async Task Odd_last_lines_are_the_csv_rows_of_kept_sessions_with_an_answer_in_order_so_the_csv_gives_each_its_arm()
    {
        // odd-last is a fixed triplet layout with no room for the arm (ADR-021); the data dictionary promises instead
        // that its lines are, one for one and in order, the CSV rows with qc_status other than Excluded and an answer.
        await using (var db = database.CreateContext())
        {
            await db.Trials.Where(t => t.Index % 2 == 0).ExecuteUpdateAsync(t => t.SetProperty(x => x.Arm, TrialArm.Random), TestContext.Current.CancellationToken);
            await db.Trials.Where(t => t.Index % 2 == 1).ExecuteUpdateAsync(t => t.SetProperty(x => x.Arm, TrialArm.Adaptive), TestContext.Current.CancellationToken);
        }
        var (_, csv) = await ExportAsync(ExportFormat.Csv);
        var (_, oddLast) = await ExportAsync(ExportFormat.OddLast);

        using var reader = Sep.Reader(o => o with { Unescape = true }).From(csv);
        var kept = reader.Enumerate(r => (Qc: r["qc_status"].ToString(), Chosen: r["chosen_position"].ToString(), Arm: r["arm"].ToString(),
                Shown: new[] { r["index_left"].Parse<int>(), r["index_middle"].Parse<int>(), r["index_right"].Parse<int>() }))
            .Where(r => r.Qc != "Excluded" && r.Chosen != "").ToList();
        var triplets = TripletFileReader.Read(new StreamReader(oddLast), "export", TripletFormat.OddLast, SampleStudy.Stimuli);
        Assert.Equal(kept.Count, triplets.Count);
        for (var n = 0; n < kept.Count; n++)
        {
            var chosen = int.Parse(kept[n].Chosen, System.Globalization.CultureInfo.InvariantCulture);
            var others = kept[n].Shown.Where((_, position) => position != chosen).ToArray();
            Assert.Equal((others[0], others[1], kept[n].Shown[chosen]), (triplets[n].I, triplets[n].J, triplets[n].K));
        }
        Assert.Equal(["Random", "Adaptive"], kept.Select(r => r.Arm).Distinct()); // both arms present, so the split is real
    }

    [Fact]
    public async Task Odd_last_without_a_study_and_an_unknown_study_are_refused_clearly()
    {
        await using var db = database.CreateContext();
        var exporter = new ResponseExporter(db);

        var noStudy = await Assert.ThrowsAsync<ArgumentException>(() => exporter.ExportAsync(ExportFormat.OddLast, new ExportFilter(), Stream.Null, TestContext.Current.CancellationToken));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => exporter.ExportAsync(ExportFormat.Csv, new ExportFilter(Guid.NewGuid()), Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("needs one study", noStudy.Message);
        Assert.Contains("No study with id", unknown.Message);
    }
}
