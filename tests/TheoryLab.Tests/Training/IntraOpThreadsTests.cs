using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class IntraOpThreadsTests
{
    [Fact]
    public void Use_SetsTheCountUntilDisposed_ThenRestoresIt()
    {
        TorchRuntime.EnsureLoaded();
        int before = get_num_threads();
        using (IntraOpThreads.Use(before + 1))
            Assert.Equal(before + 1, get_num_threads());
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void Use_ZeroThreads_KeepsTheCurrentCount()
    {
        TorchRuntime.EnsureLoaded();
        int before = get_num_threads();
        using (IntraOpThreads.Use(before + 1))
        {
            using (IntraOpThreads.Use(0))
                Assert.Equal(before + 1, get_num_threads());
            Assert.Equal(before + 1, get_num_threads());
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => IntraOpThreads.Use(-1));
    }
}
