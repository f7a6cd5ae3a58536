using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AligNet.Ml.Students;

/// <summary>z = x·A + c with A (p × p) at the identity and c at 0 initially: the student starts exactly as the base model.</summary>
public sealed class LinearHead : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public LinearHead(int dimensions, Device? device = null) : base(nameof(LinearHead))
    {
        weight = new Parameter(eye(dimensions, device: device));
        bias = new Parameter(zeros(dimensions, device: device));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x.matmul(weight) + bias;
}

/// <summary>
/// z = x + GELU(x·W₁ + b₁)·W₂ + b₂. The second layer starts at 0, so the student starts as the base model (like the
/// linear head) while the first layer gets a random (seeded) initialisation that gives the residual something to use.
/// </summary>
public sealed class MlpHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Linear output;

    public MlpHead(int dimensions, int width, Device? device = null) : base(nameof(MlpHead))
    {
        hidden = nn.Linear(dimensions, width, device: device);
        output = nn.Linear(width, dimensions, device: device);
        using (no_grad())
        {
            output.weight!.zero_();
            output.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x + output.forward(nn.functional.gelu(hidden.forward(x)));
}

/// <summary>An embedding-level student: a head over frozen base features held on the training device.</summary>
public sealed class EmbeddingStudent : IStudentNetwork
{
    private readonly Tensor features;

    public EmbeddingStudent(float[] values, int rows, int columns, StudentHeadKind head, int hiddenWidth, Device device)
    {
        features = tensor(values, [rows, columns], device: device);
        Head = CreateHead(head, columns, hiddenWidth, device);
    }

    public static nn.Module<Tensor, Tensor> CreateHead(StudentHeadKind head, int dimensions, int hiddenWidth, Device? device = null) =>
        head == StudentHeadKind.Mlp ? new MlpHead(dimensions, hiddenWidth, device) : new LinearHead(dimensions, device);

    public nn.Module<Tensor, Tensor> Head { get; }

    public nn.Module Module => Head;

    public Tensor Forward(long[] items) => Head.forward(features.index_select(0, tensor(items, device: features.device)));

    public void Dispose()
    {
        features.Dispose();
        Head.Dispose();
    }
}
