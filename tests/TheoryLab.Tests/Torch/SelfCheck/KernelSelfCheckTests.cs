using TheoryLab.Torch;
using TheoryLab.Torch.SelfCheck;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using TorchSharp;

namespace TheoryLab.Tests.Torch.SelfCheck;

[Collection(RunAloneCollection.Name)]
public class KernelSelfCheckTests
{
    private static KernelProbe Conv1d(string name, Func<Tensor, Tensor> corrupt) =>
        new(name, g =>
        {
            var x = randn([4, 25, 19], generator: g);
            var w = randn([25, 25, 3], generator: g);
            return [new KernelComparison("forward", corrupt(F.conv1d(x, w, stride: 2, padding: 1)), F.conv1d(x.to(float64), w.to(float64), stride: 2, padding: 1))];
        });

    [Fact]
    public void EveryStandardKernel_PassesOnThePathThisProcessChose()
    {
        var health = TorchRuntime.Health;
        Assert.Equal(KernelProbes.Standard.Count, health.Kernels.Count);
        Assert.All(health.Verdicts, v => Assert.True(v.Passed, $"{v.Kernel} ({v.Output}): {v.RelativeError:G3}"));
        Assert.Equal(health.Path == KernelPath.OneDnn, OneDnn.Enabled);
    }

    [Fact]
    public void LoadingTheEngine_TurnsNnpackOff_SoTheCheckedKernelsAreTheOnlyOnes()
    {
        TorchRuntime.EnsureLoaded();
        Assert.False(Nnpack.Enabled);
    }

    [Fact]
    public void AKernelOffByOnePart_InAThousand_IsFlagged()
    {
        TorchRuntime.EnsureLoaded();
        using var offByAThousandth = 1.001.ToScalar();
        var verdicts = KernelSelfCheck.Run([Conv1d("scaled conv1d", y => y * offByAThousandth)]);
        var verdict = Assert.Single(verdicts);
        Assert.False(verdict.Passed);
        Assert.InRange(verdict.RelativeError, 0.9e-3, 1.1e-3);
    }

    [Fact]
    public void AKernelThatReturnsNaN_IsFlagged_WhateverTheTolerance()
    {
        TorchRuntime.EnsureLoaded();
        using var nan = double.NaN.ToScalar();
        var verdict = Assert.Single(KernelSelfCheck.Run([Conv1d("conv1d with a NaN", y => y.index_put_(nan, 0, 0, 0))]));
        Assert.True(double.IsNaN(verdict.RelativeError));
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void AKernelWrongOnlyOnOneDnn_MakesTheCheckSwitchOneDnnOff_AndSayWhy()
    {
        var chosen = TorchRuntime.Health;
        bool before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = true;
            using var offByAHundredth = 1.01.ToScalar();
            var health = EngineCheck.Decide([Conv1d("conv1d wrong on oneDNN", y => OneDnn.Enabled ? y * offByAHundredth : y)], remembered: null);
            Assert.Equal(KernelPath.Native, health.Path);
            Assert.False(OneDnn.Enabled);
            Assert.Equal("conv1d wrong on oneDNN", Assert.Single(health.RejectedOnOneDnn).Kernel);
            Assert.All(health.Verdicts, v => Assert.True(v.Passed));
            Assert.Contains("oneDNN off", health.Decision);
        }
        finally
        {
            OneDnn.Enabled = before;
        }
        Assert.Equal(chosen.Path == KernelPath.OneDnn, OneDnn.Enabled);
    }

    [Fact]
    public void ByDefault_OneDnnIsOffOnEveryCpu_AndNeverTried()
    {
        var chosen = TorchRuntime.Health;
        bool before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = true;
            using var offByAHundredth = 1.01.ToScalar();
            var health = EngineCheck.DecideAten([Conv1d("conv1d wrong on oneDNN", y => OneDnn.Enabled ? y * offByAHundredth : y)]);
            Assert.Equal(KernelPath.Native, health.Path);
            Assert.False(OneDnn.Enabled);
            Assert.Empty(health.RejectedOnOneDnn);
            Assert.All(health.Verdicts, v => Assert.True(v.Passed));
        }
        finally
        {
            OneDnn.Enabled = before;
        }
        if (Environment.GetEnvironmentVariable("THEORYLAB_KERNELS") is null) Assert.Equal(KernelPath.Native, chosen.Path);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("aten", false)]
    [InlineData("onednn", true)]
    public void TheKernelsSetting_AsksForOneDnnOnlyByName(string? setting, bool asked) =>
        Assert.Equal(asked, EngineCheck.OneDnnAsked(setting));

    [Fact]
    public void AnUnknownKernelsSetting_IsRefusedWithWhatToSet()
    {
        var e = Assert.Throws<TheoryLabException>(() => EngineCheck.OneDnnAsked("mkldnn"));
        Assert.Contains("'aten'", e.Message);
        Assert.Contains("'onednn'", e.Message);
    }

    [Fact]
    public void AKernelWrongOnEveryPath_StopsWithOneMessage()
    {
        TorchRuntime.EnsureLoaded();
        bool before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = true;
            using var offByAHundredth = 1.01.ToScalar();
            var e = Assert.Throws<TheoryLabException>(() => EngineCheck.Decide([Conv1d("conv1d always wrong", y => y * offByAHundredth)], remembered: null));
            Assert.Contains("conv1d always wrong", e.Message);
            Assert.Contains("even with oneDNN off", e.Message);
        }
        finally
        {
            OneDnn.Enabled = before;
        }
    }

    [Fact]
    public void ARememberedNativeChoice_SkipsOneDnn_AndSaysWhatWasWrongThen()
    {
        TorchRuntime.EnsureLoaded();
        bool before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = true;
            var remembered = new RememberedChoice(KernelPath.Native, "test CPU", "2.10", KernelProbes.Version, ["conv1d 25→25 k3 s2 p1: forward"], new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
            using var offByAHundredth = 1.01.ToScalar();
            var health = EngineCheck.Decide([Conv1d("conv1d wrong on oneDNN", y => OneDnn.Enabled ? y * offByAHundredth : y)], remembered);
            Assert.Equal(KernelPath.Native, health.Path);
            Assert.Empty(health.RejectedOnOneDnn);
            Assert.Contains("2026-12-04", health.Decision);
            Assert.Contains("conv1d 25→25 k3 s2 p1: forward", health.Decision);
        }
        finally
        {
            OneDnn.Enabled = before;
        }
    }

    [Fact]
    public void TheProbes_LeaveTorchsGlobalGeneratorAlone()
    {
        TorchRuntime.EnsureLoaded();
        manual_seed(7);
        var expected = rand(3);
        manual_seed(7);
        KernelSelfCheck.Run(KernelProbes.Standard);
        Assert.Equal(expected.data<float>().ToArray(), rand(3).data<float>().ToArray());
    }
}
