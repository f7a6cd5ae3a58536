using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

public class TripletSplitTests
{
    /// <summary>60 item sets over 12 items, each answered 1–3 times in varying item order.</summary>
    internal static List<TripletResponse> RepeatedResponses()
    {
        var responses = new List<TripletResponse>();
        var set = 0;
        for (var a = 0; a < 12 && set < 60; a++)
            for (var b = a + 1; b < 12 && set < 60; b++)
                for (var c = b + 1; c < 12 && set < 60; c += 3, set++)
                {
                    responses.Add(new TripletResponse(a, b, c));
                    if (set % 2 == 0) responses.Add(new TripletResponse(c, b, a));
                    if (set % 3 == 0) responses.Add(new TripletResponse(a, c, b));
                }
        return responses;
    }

    [Fact]
    public void No_item_set_lands_in_two_splits_and_no_response_is_lost()
    {
        var responses = RepeatedResponses();
        var split = TripletSplit.ByItemSet(responses, itemCount: 12, seed: 3);

        var train = split.Train.Select(r => r.ItemSet).ToHashSet();
        var validation = split.Validation.Select(r => r.ItemSet).ToHashSet();
        var test = split.Test.Select(r => r.ItemSet).ToHashSet();
        Assert.Empty(train.Intersect(validation));
        Assert.Empty(train.Intersect(test));
        Assert.Empty(validation.Intersect(test));
        Assert.Equal(responses.Count, split.Train.Count + split.Validation.Count + split.Test.Count);
        Assert.Equal((48, 6, 6), (train.Count, validation.Count, test.Count)); // 80/10/10 of 60 sets
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var responses = RepeatedResponses();
        var first = TripletSplit.ByItemSet(responses, 12, seed: 5);
        Assert.Equal(first.Test, TripletSplit.ByItemSet(responses, 12, seed: 5).Test);
        Assert.NotEqual(first.Test, TripletSplit.ByItemSet(responses, 12, seed: 6).Test);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_reason()
    {
        var few = RepeatedResponses().Where(r => r.ItemSet.Item1 == 0).Take(10).ToList();
        Assert.Contains("at least 30", Assert.Throws<ArgumentException>(() => TripletSplit.ByItemSet(few, 12, 1)).Message);
        var outside = RepeatedResponses().Append(new TripletResponse(0, 1, 12)).ToList();
        Assert.Contains("outside 0–11", Assert.Throws<ArgumentOutOfRangeException>(() => TripletSplit.ByItemSet(outside, 12, 1)).Message);
    }

    [Fact]
    public void Repeated_triplets_become_one_target_with_their_empirical_distribution()
    {
        // Item set (2, 5, 7): 5 odd twice, 7 odd once, 2 odd once → [P(7 odd), P(5 odd), P(2 odd)] = [0.25, 0.5, 0.25].
        TripletResponse[] responses = [new(2, 7, 5), new(7, 2, 5), new(5, 2, 7), new(5, 7, 2), new(0, 1, 3)];

        var targets = TripletTargets.From(responses);

        Assert.Equal(2, targets.Count);
        var s = Array.IndexOf(targets.A, 2L);
        Assert.Equal((2L, 5L, 7L), (targets.A[s], targets.B[s], targets.C[s]));
        Assert.Equal([0.25f, 0.5f, 0.25f], targets.Distribution[(3 * s)..(3 * s + 3)]);
        Assert.Equal(4f, targets.Responses[s]);
    }
}
