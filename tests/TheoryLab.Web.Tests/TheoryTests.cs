using System.Net.Http.Json;
using System.Text.Json;
using TheoryLab.Models.MeanField;

namespace TheoryLab.Web.Tests;

/// <summary>The live figures answer what the library computes, at the settings asked for.</summary>
public class TheoryTests
{
    [Fact]
    public async Task ThePhaseDiagram_IsTheLibrarysAtTheRequestedGrid()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>("/api/phase-diagram?activation=erf&phase_grid=30&sigma_b2_max=3&sigma_w2_max=4");
        var expected = LivePhaseDiagram.Compute(Activations.Erf, PhaseDiagram.PositiveGrid(4, 30), PhaseDiagram.Grid(3, 30));
        var chi1 = answer.GetProperty("chi1");
        Assert.Equal(30, chi1.GetArrayLength());
        Assert.Equal(3, answer.GetProperty("sigmaB2")[29].GetDouble());
        Assert.Equal(expected.Chi1[17, 11], chi1[17][11].GetDouble());
        Assert.Equal(expected.CriticalSigmaW2[^1], answer.GetProperty("critical").GetProperty("sigmaW2")[59].GetDouble());
    }

    [Fact]
    public async Task DepthScales_DivergeOnlyAtTheCriticalSigmaW2()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>("/api/depth-scales?activation=tanh&sigma_b2=0.05&sweep_points=50");
        double critical = answer.GetProperty("critical").GetDouble();
        Assert.Equal(Criticality.CriticalSigmaW2(Activations.Tanh, 0.05), critical);
        var sigmaW2 = answer.GetProperty("sigmaW2").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var xiC = answer.GetProperty("xiC").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : e.GetDouble()).ToArray();
        int peak = Array.IndexOf(xiC, xiC.Max());
        Assert.True(Math.Abs(sigmaW2[peak] - critical) <= sigmaW2[1] - sigmaW2[0], $"ξ_c peaks at σ_w² = {sigmaW2[peak]}, the critical σ_w² is {critical}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task TheSawtooth_HasTwoToTheKPieces_AlternatingBetween0And1(int k)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>($"/api/sawtooth?depth={k}");
        var y = answer.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(1 << k, answer.GetProperty("pieces").GetInt32());
        Assert.Equal(Enumerable.Range(0, (1 << k) + 1).Select(j => (double)(j % 2)), y);
    }
}
