namespace AligNet.Domain.Participation;

/// <summary>How the browser determined a response's stimulus onset (<see cref="Response.OnsetTimeMs"/>).</summary>
public enum OnsetMethod
{
    /// <summary>
    /// The paint as the browser reports it: the Element Timing API's <c>renderTime</c> of the last of the three
    /// images to paint (Chromium-based browsers).
    /// </summary>
    ElementTiming,

    /// <summary>
    /// Where Element Timing is missing (Firefox, Safari) or reports nothing in time: the timestamp of the second
    /// animation frame after the images were inserted, i.e. the start of the frame after the one that painted them.
    /// </summary>
    SecondAnimationFrame,

    /// <summary>Responses stored before issue 10: the first animation frame after insertion (up to ~40 ms early).</summary>
    FirstAnimationFrame,

    /// <summary>The client did not say (API clients such as the bots; no screen).</summary>
    NotReported,
}
