using System.CommandLine;
using AligNet.Ml;

namespace AligNet.Cli.Commands;

internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Print the compute device TorchSharp would train on (CUDA when present, else CPU).");
        command.SetAction(_ =>
        {
            Console.WriteLine(ComputeDevice.Describe(ComputeDevice.Select()));
            return 0;
        });
        return command;
    }
}
