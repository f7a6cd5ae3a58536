using AligNet.Data.Imports;
using AligNet.Evaluation;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary>Bad input ends a command with exit code 2 and one line naming the file, the line and the reason.</summary>
internal static class CliErrors
{
    public const int BadInput = 2;

    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is DataFormatException or TeacherArtifactException or GenerationException or AligNet.Ml.Students.StudentDataException or ImportValidationException or ArgumentException or IOException or UnauthorizedAccessException or AligNet.Data.Startup.StartupException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return BadInput;
        }
    }
}
