using System.Security.Cryptography;
using System.Text;

namespace TheoryLab.Kernel;

/// <summary>Derives independent, reproducible seeds from a run seed and a purpose.</summary>
public static class Seeds
{
    public static int Derive(int seed, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{purpose}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
