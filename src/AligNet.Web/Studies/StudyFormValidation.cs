using AligNet.Data.Studies;
using AligNet.Domain.Studies;

namespace AligNet.Web.Studies;

/// <summary>
/// Connects <see cref="StudyValidator"/> to MudForm: a field's errors are the validator's errors for its property.
/// The whole study is validated each time (microseconds), so rules that span fields (blocks ≤ trials) stay right,
/// and nested QC fields match whether MudBlazor passes "FastRtMs" or "Qc.FastRtMs".
/// </summary>
public sealed class StudyFormValidation
{
    private readonly StudyValidator validator = new();

    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => (model, property) =>
    {
        var errors = validator.Validate((Study)model).Errors
            .Where(e => e.PropertyName == property || e.PropertyName.EndsWith("." + property, StringComparison.Ordinal))
            .Select(e => e.ErrorMessage).Distinct();
        return Task.FromResult(errors);
    };
}
