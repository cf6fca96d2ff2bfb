using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>Trained weights on disk: saved atomically, loaded back bit for bit into a model of the same architecture.</summary>
public static class Checkpoint
{
    /// <summary>Writes every parameter and buffer of <paramref name="model"/> to <paramref name="path"/> (TorchSharp's format).</summary>
    public static void Save(nn.Module model, string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        try
        {
            model.save(partial);
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>Replaces the weights of <paramref name="model"/> with those saved at <paramref name="path"/>.</summary>
    public static void Load(nn.Module model, string path)
    {
        if (!File.Exists(path)) throw new TheoryLabException($"no saved weights at {path}; train the model first or give the path of a weights file.");
        try
        {
            model.load(path);
        }
        catch (ArgumentException e)
        {
            throw new TheoryLabException($"the weights in {path} do not fit this model ({e.Message}); load them into the architecture they were saved from.", e);
        }
    }
}
