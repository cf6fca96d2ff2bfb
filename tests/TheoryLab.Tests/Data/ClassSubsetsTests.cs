using TheoryLab.Data;

namespace TheoryLab.Tests.Data;

public class ClassSubsetsTests
{
    private static readonly LabeledData Six = new("six", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 1, 4, 1, 0, 2], [2], 5);

    [Fact]
    public void OfClasses_KeepsTheExamplesOfThoseClassesInOrder_LabelledByTheirPlaceInTheList()
    {
        var task = Six.OfClasses([4, 1]);
        Assert.Equal([1, 0, 1], task.Labels);            // examples 1 (class 1), 2 (class 4), 3 (class 1)
        Assert.Equal([2f, 3, 4, 5, 6, 7], task.Inputs);
        Assert.Equal(2, task.Classes);
        Assert.Equal([2], task.ExampleShape);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 5 })]
    public void EmptyRepeatedOrUnknownClasses_AreRefusedWithTheValidRange(int[] classes)
    {
        var error = Assert.Throws<TheoryLabException>(() => Six.OfClasses(classes));
        Assert.Contains("between 0 and 4", error.Message);
    }
}
