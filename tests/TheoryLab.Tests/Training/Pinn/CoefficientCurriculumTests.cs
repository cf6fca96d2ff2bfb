using TheoryLab.Training.Pinn;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>The curriculum's stages: from the start by the step, the target last, nothing skipped or repeated.</summary>
public class CoefficientCurriculumTests
{
    [Fact]
    public void Stages_GoFromTheStartByTheStepToTheTarget()
    {
        Assert.Equal([1, 10, 20, 30], CoefficientCurriculum.Stages(1, 30, 10));
        Assert.Equal([1, 10, 20, 30, 35], CoefficientCurriculum.Stages(1, 35, 10));
        Assert.Equal([1, 5, 10], CoefficientCurriculum.Stages(1, 10, 5));
        Assert.Equal([10, 15, 20], CoefficientCurriculum.Stages(10, 20, 5));
        Assert.Equal([1], CoefficientCurriculum.Stages(1, 1, 10));
    }

    [Fact]
    public void Stages_RefuseATargetBelowTheStartAndAStepOfZero()
    {
        Assert.Throws<TheoryLabException>(() => CoefficientCurriculum.Stages(5, 1, 1));
        Assert.Throws<TheoryLabException>(() => CoefficientCurriculum.Stages(1, 30, 0));
    }
}
