using AligNet.Api.Contracts;
using AligNet.Domain.Studies;

namespace AligNet.Web.Studies;

/// <summary>The link researchers give their recruitment platform, built on the address the site is reached at.</summary>
public static class EntryLinks
{
    /// <summary>Prolific replaces these placeholders with the participant's, study's and session's ids.</summary>
    public const string ProlificQuery = "PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

    public static string For(Study study, string baseUri)
    {
        var url = baseUri.TrimEnd('/') + ParticipantApi.EntryPage(study.Id);
        // MTurk's external question URL is the plain page: MTurk itself appends assignmentId, hitId, workerId and turkSubmitTo.
        return study.Recruitment == RecruitmentSource.Prolific ? url + "?" + ProlificQuery : url;
    }

    public static string Explanation(RecruitmentSource source) => source switch
    {
        RecruitmentSource.Prolific => "Paste this as the study URL on Prolific; it fills in the participant, study and session ids.",
        RecruitmentSource.MTurk => "Use this as the ExternalQuestion URL of the HIT; MTurk adds the worker, assignment and HIT ids.",
        _ => "Send this link to participants; each browser gets an anonymous id.",
    };
}
