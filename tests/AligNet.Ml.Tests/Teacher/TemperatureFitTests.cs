using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

public class TemperatureFitTests
{
    [Fact]
    public void The_fitted_temperature_matches_the_empirical_choice_rate()
    {
        // One triplet with similarities (1, 0, 0); half the people keep the similar pair, half keep another pair.
        // The likelihood is maximal when P(similar pair) = e^(1/T) / (e^(1/T) + 2) = 1/2, i.e. 1/T = ln 2, T = 1.442695.
        (double, double, double)[] responses = [(1, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)];

        var temperature = TemperatureFit.Fit(responses);

        Assert.Equal(1.442695, temperature, 4);
        // NLL there: half −ln(1/2), half −ln(1/4) = 0.5·0.693147 + 0.5·1.386294 = 1.039721.
        Assert.Equal(1.039721, TemperatureFit.Nll(responses, temperature), 5);
        Assert.True(TemperatureFit.Nll(responses, 1.0) > 1.039721);
    }

    [Fact]
    public void A_model_that_is_always_right_is_sharpened_to_the_lowest_temperature()
    {
        (double, double, double)[] responses = [(1, 0, 0), (2, 1, 0)];
        Assert.True(TemperatureFit.Fit(responses) < 1e-3);
    }
}
