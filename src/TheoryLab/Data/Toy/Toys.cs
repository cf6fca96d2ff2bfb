namespace TheoryLab.Data.Toy;

/// <summary>Checks shared by the 2-D toy sets.</summary>
internal static class Toys
{
    public static void Check(int count, double noise, string name)
    {
        if (count < 1) throw new TheoryLabException($"{name}: {count} examples asked for; at least 1 is needed.");
        if (noise < 0 || double.IsNaN(noise)) throw new TheoryLabException($"{name}: noise {noise} is negative; use 0 for none.");
    }
}
