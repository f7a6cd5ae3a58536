using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Tests.Statistics;

public class PrincipalComponentsTests
{
    [Fact]
    public void Points_on_a_tilted_plane_map_to_their_coordinates_in_it()
    {
        // Hand-worked: points a·u + b·w + c with orthonormal u = (1,1,0)/√2, w = (0,0,1), centre c = (5,5,5), spread 3 > 1
        // along u than w and a, b uncorrelated (Σab = 0), so the first component is u (coordinate a) and the second w
        // (coordinate b), up to sign.
        var u = new[] { 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 0 };
        var w = new[] { 0.0, 0.0, 1.0 };
        (double A, double B)[] coordinates = [(-3, 1), (3, 1), (-1.5, -1), (1.5, -1), (0, 0.5), (0, -0.5)];
        var rows = coordinates.Select(p => Enumerable.Range(0, 3).Select(j => (float)(5 + p.A * u[j] + p.B * w[j])).ToArray()).ToList();

        var projected = PrincipalComponents.Project2(rows);

        var signX = Math.Sign(projected[1].X);
        var signY = Math.Sign(projected[0].Y);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(coordinates[i].A, signX * projected[i].X, 4);
            Assert.Equal(coordinates[i].B, signY * projected[i].Y, 4);
        }
    }

    [Fact]
    public void Identical_rows_map_to_the_origin()
    {
        var projected = PrincipalComponents.Project2([[1f, 2f], [1f, 2f]]);
        Assert.All(projected, p => Assert.Equal((0.0, 0.0), p));
    }
}
