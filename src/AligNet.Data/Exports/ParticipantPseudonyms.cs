using System.Security.Cryptography;
using System.Text;
using AligNet.Data.Secrets;

namespace AligNet.Data.Exports;

/// <summary>
/// Participant ids as exports show them by default: <c>p-</c> + 16 hex digits of HMAC-SHA256 keyed per study
/// (key = HMAC(server secret, study id)), over the recruitment platform's id. The same person has the same
/// pseudonym in every export of a study, different pseudonyms in different studies, and nobody without the
/// server secret can go back to the Prolific/MTurk id or link studies.
/// </summary>
public sealed class ParticipantPseudonyms
{
    private readonly byte[] secret;
    private readonly Dictionary<Guid, byte[]> studyKeys = [];

    private ParticipantPseudonyms(byte[] secret) => this.secret = secret;

    public static async Task<ParticipantPseudonyms> LoadAsync(AligNetDbContext db, CancellationToken ct = default) =>
        new(await ServerSecrets.GetOrCreateAsync(db, ServerSecrets.ExportPseudonyms, ct));

    public string Of(Guid studyId, string externalId)
    {
        if (!studyKeys.TryGetValue(studyId, out var key))
        {
            key = HMACSHA256.HashData(secret, studyId.ToByteArray());
            studyKeys[studyId] = key;
        }
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(externalId));
        return "p-" + Convert.ToHexStringLower(mac, 0, 8);
    }
}
