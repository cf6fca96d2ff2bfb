namespace TheoryLab.Tests.Conformance;

/// <summary>
/// The library's calls into TorchSharp methods that make a temporary Scalar inside (HiddenScalars.cs), against the
/// record of those left (hidden-scalars.txt, one "type calls method" a line): a new one fails, and so does a recorded one
/// that is gone, so that the record is always the exact list of what still races (TestOrder.cs: the tests run in parallel).
/// </summary>
public class HiddenScalarTests
{
    private static readonly string Record = Repository.PathOf("tests/TheoryLab.Tests/Conformance/hidden-scalars.txt");

    [Theory]
    [InlineData(typeof(TorchSharp.torch.Tensor), "add", new[] { typeof(TorchSharp.torch.Tensor) })]
    [InlineData(typeof(TorchSharp.torch.Tensor), "op_Addition", new[] { typeof(TorchSharp.torch.Tensor), typeof(TorchSharp.torch.Tensor) })]
    [InlineData(typeof(TorchSharp.torch.Tensor), "square", new Type[0])]
    [InlineData(typeof(TorchSharp.TensorExtensionMethods), "ToDouble", new[] { typeof(TorchSharp.torch.Tensor) })]
    public void TheScan_FindsTheScalarMadeInside(Type owner, string name, Type[] parameters)
    {
        Assert.True(HiddenScalars.MakesOne(owner.GetMethod(name, parameters)!));
    }

    [Theory]
    [InlineData("add", new[] { typeof(TorchSharp.torch.Tensor), typeof(TorchSharp.Scalar) })]
    [InlineData("pow", new[] { typeof(TorchSharp.Scalar) })]
    [InlineData("mul", new[] { typeof(TorchSharp.torch.Tensor) })]
    public void TheScan_PassesAMethodThatTakesTheScalarItUses(string name, Type[] parameters)
    {
        Assert.False(HiddenScalars.MakesOne(typeof(TorchSharp.torch.Tensor).GetMethod(name, parameters)!));
    }

    [Fact]
    public void Library_MakesExactlyTheRecordedHiddenScalars()
    {
        var found = HiddenScalars.In(typeof(TheoryLab.Kernel.IExperiment).Assembly).Select(u => u.ToString()).ToHashSet();
        var recorded = File.ReadAllLines(Record).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        var problems = found.Except(recorded).Select(u => $"new: {u}; use TheoryLab.Torch.HeldScalars' form of it (HeldScalarBatchNorm for batch norm), or add one there")
            .Concat(recorded.Except(found).Select(u => $"gone: {u}; delete its line from hidden-scalars.txt"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// The tests run in parallel too, so their own calls must keep clear of the race as the library's do; a class that
    /// still makes such a Scalar (some compare with TorchSharp's own forms on purpose) runs alone.
    /// </summary>
    [Fact]
    public void Tests_MakeNoHiddenScalars_OutsideTheClassesThatRunAlone()
    {
        var found = HiddenScalars.In(typeof(HiddenScalarTests).Assembly).Where(u => !RunsAlone(u.Caller)).ToList();
        Assert.True(found.Count == 0, string.Join('\n', found.Select(u =>
            $"{u}: use TheoryLab.Torch.HeldScalars' form of it, or put the class in [Collection(RunAloneCollection.Name)] if it must call TorchSharp's")));
    }

    private static bool RunsAlone(string testClass) =>
        typeof(HiddenScalarTests).Assembly.GetType(testClass)?.GetCustomAttributesData()
            .Any(a => a.AttributeType == typeof(CollectionAttribute) && a.ConstructorArguments[0].Value as string == RunAloneCollection.Name) == true;
}
