using TheoryLab.Kernel;

namespace TheoryLab.Tests.Kernel;

public class TopicTests
{
    [Fact]
    public void EveryTopic_HasItsOwnDocsPage_AndALectureLabel()
    {
        var topics = Enum.GetValues<Topic>();
        Assert.Equal(topics.Length, topics.Select(t => t.Page()).Distinct().Count());
        Assert.All(topics, t => Assert.Matches(@"^[a-z-]+\.md$", t.Page()));
        Assert.All(topics, t => Assert.StartsWith("L", t.Label()));
        Assert.Equal("visualisation.md", Topic.Visualization.Page());
    }
}
