using AligNet.Domain.Studies;

namespace AligNet.Data.Studies;

/// <summary>What an edit changed, for the audit log: before/after of short values, only the lengths of long texts.</summary>
public static class StudyChanges
{
    private const int ShortValue = 120;

    public sealed record Change(string Field, string? Before, string? After);

    public static IReadOnlyList<Change> Between(Study before, Study after)
    {
        var changes = new List<Change>();
        void Compare(string field, object? a, object? b)
        {
            var x = Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture);
            var y = Convert.ToString(b, System.Globalization.CultureInfo.InvariantCulture);
            if (x == y) return;
            changes.Add((x?.Length ?? 0) > ShortValue || (y?.Length ?? 0) > ShortValue
                ? new Change(field, $"{x?.Length ?? 0} characters", $"{y?.Length ?? 0} characters")
                : new Change(field, x, y));
        }
        foreach (var property in typeof(Study).GetProperties())
        {
            // Only what the editor can change: identity, state and bookkeeping have their own actions.
            if (!property.CanWrite || property.Name is nameof(Study.Qc) or nameof(Study.StimulusSet) or nameof(Study.Id) or nameof(Study.State)
                    or nameof(Study.CreatedAt) or nameof(Study.CreatedBy) or nameof(Study.DesignFrozenAt)) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid))
                Compare(property.Name, property.GetValue(before), property.GetValue(after));
        }
        foreach (var property in typeof(QcPolicy).GetProperties())
            Compare("Qc." + property.Name, property.GetValue(before.Qc), property.GetValue(after.Qc));
        return changes;
    }
}
