namespace TheoryLab.Data.Idx;

/// <summary>Turns an IDX images file and its labels file into a <see cref="LabeledData"/> of 28 × 28 images in 10 classes.</summary>
public static class IdxLabeledData
{
    /// <summary>Side of the square images every MNIST-family dataset uses.</summary>
    public const int ImageSide = 28;

    /// <summary>Classes in every MNIST-family dataset.</summary>
    public const int Classes = 10;

    /// <summary>
    /// Reads an images file and a labels file (gzip or raw) as <paramref name="name"/>. Pixel bytes become
    /// floats in [0, 1] (divided by 255); each example has shape [1, 28, 28]. Throws a
    /// <see cref="TheoryLabException"/> ending with <paramref name="remedy"/> when either file is missing,
    /// corrupt, truncated, of the wrong kind, or when the two disagree on the number of examples.
    /// </summary>
    public static LabeledData Read(string imagesPath, string labelsPath, string name, string remedy)
    {
        var images = IdxFile.Read(imagesPath, IdxArray.ImagesMagic, remedy);
        var labels = IdxFile.Read(labelsPath, IdxArray.LabelsMagic, remedy);

        if (images.Dimensions[1] != ImageSide || images.Dimensions[2] != ImageSide)
            throw new TheoryLabException($"{imagesPath} holds {images.Dimensions[1]} × {images.Dimensions[2]} images; MNIST-family images are {ImageSide} × {ImageSide}. {remedy}");
        if (images.Count != labels.Count)
            throw new TheoryLabException($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Count} labels; the two files come from different splits or datasets. {remedy}");

        var labelValues = new int[labels.Count];
        for (int i = 0; i < labelValues.Length; i++)
        {
            labelValues[i] = labels.Values[i];
            if (labelValues[i] >= Classes)
                throw new TheoryLabException($"{labelsPath} gives example {i} the label {labelValues[i]}; MNIST-family labels are 0–{Classes - 1}. {remedy}");
        }

        var inputs = new float[images.Values.Length];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = images.Values[i] / 255f;
        return new(name, inputs, labelValues, [1, ImageSide, ImageSide], Classes);
    }
}
