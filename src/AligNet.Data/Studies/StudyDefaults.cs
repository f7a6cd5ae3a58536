using AligNet.Domain.Studies;

namespace AligNet.Data.Studies;

/// <summary>
/// A new study as the editor offers it: the THINGS/Levels-like protocol (60 trials, a few practice trials, 5% catch
/// trials, 3 blocks with optional breaks), template texts to adapt, and fresh completion codes.
/// </summary>
public static class StudyDefaults
{
    public static Study NewStudy(Guid stimulusSetId, string? createdBy) => new()
    {
        Id = Guid.NewGuid(),
        Name = "",
        StimulusSetId = stimulusSetId,
        CreatedBy = createdBy,
        ConsentMarkdown = Consent,
        InstructionsMarkdown = Instructions,
        DebriefMarkdown = Debrief,
        CompletionCode = CompletionCodes.Generate(),
        ScreenedOutCode = CompletionCodes.Generate(),
        FailedChecksCode = CompletionCodes.Generate(),
    };

    public const string Consent = """
        ## Consent to take part

        We study how people judge the similarity of everyday objects. You will see three images at a time and choose
        the one that does not belong with the other two. This takes about **10 minutes**.

        - Taking part is voluntary; you may stop at any time by closing this page.
        - We record your choices and response times, with an anonymous id. We record no name, e-mail or address.
        - The anonymous data may be published for research.

        By continuing you confirm that you are 18 or older and agree to take part.
        """;

    public const string Instructions = """
        ## Instructions

        Each trial shows **three images**. Choose the one that is **the odd one out**: the image that fits least with
        the other two. There is no right or wrong answer; go with your first impression.

        - Answer with the keys **1 2 3** or **← ↓ →** (left, middle, right), or click or tap the image.
        - Please answer each trial within the time shown, and keep this window in focus.
        - A few practice trials come first. Some trials check attention: please stay focused.
        - You can take short breaks between blocks.
        """;

    public const string Debrief = """
        ## Thank you!

        Your answers help us understand how people judge the similarity of objects, and teach computer vision
        models to see more like people do. Your completion code is shown below.
        """;
}
