using AligNet.Data;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;

namespace AligNet.TestSupport;

/// <summary>
/// An open study ready for participants: a stimulus set of 18 stimuli in three top-level categories
/// (animals, food, tools) with two subcategories each, images in place in the store (tiny PNGs), so that
/// catch trials and image serving both work. <paramref name="configure"/> adjusts the study before it is saved.
/// </summary>
public static class ParticipantStudy
{
    public static readonly string[][] Categories =
    [
        ["animals", "birds"], ["animals", "fish"], ["food", "fruit"], ["food", "bread"], ["tools", "hammers"], ["tools", "saws"],
    ];

    public const int PerCategory = 3;

    public static async Task<Study> CreateAsync(AligNetDbContext db, string? stimulusRoot = null, Action<Study>? configure = null)
    {
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "participant set " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTimeOffset.UtcNow };
        var index = 0;
        foreach (var path in Categories)
        {
            for (var k = 0; k < PerCategory; k++, index++)
            {
                var bytes = TestImages.Png((byte)(10 * index), (byte)(40 * (index % 6)), (byte)(index * 7), size: 24);
                var file = $"{set.Id:N}/{index}.png";
                if (stimulusRoot is not null)
                {
                    Directory.CreateDirectory(Path.Combine(stimulusRoot, $"{set.Id:N}"));
                    await File.WriteAllBytesAsync(Path.Combine(stimulusRoot, file), bytes);
                }
                set.Stimuli.Add(new Stimulus
                {
                    Id = Guid.NewGuid(), Index = index, Label = $"{path[1]} {k}", CategoryPath = path, ImagePath = file,
                    ContentType = "image/png", Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(),
                    Width = 24, Height = 24,
                });
            }
        }
        var study = new Study
        {
            Id = Guid.NewGuid(), Name = "Participant study", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow,
            TrialsPerParticipant = 20, PracticeTrials = 2, CatchTrialShare = 0.1, Blocks = 2, RepeatProbes = 0,
            ConsentMarkdown = "You agree to **take part**. <script>alert(1)</script>",
            InstructionsMarkdown = "Pick the odd one out.", DebriefMarkdown = "Thanks.",
            CompletionCode = "DONE123", ScreenedOutCode = "SCREEN9", FailedChecksCode = "FAIL7",
        };
        configure?.Invoke(study);
        db.AddRange(set, study);
        await db.SaveChangesAsync();
        return study;
    }
}
