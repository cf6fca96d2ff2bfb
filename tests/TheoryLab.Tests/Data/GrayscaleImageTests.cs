using SkiaSharp;
using TheoryLab.Data;

namespace TheoryLab.Tests.Data;

public class GrayscaleImageTests
{
    [Fact]
    public void Csv_OfRows_ReadsBackEveryValueInPlace_WhateverTheSeparator()
    {
        using var directory = new TempDirectory();
        string path = directory.File("image.csv", "0, 0.5, 1\n2;3 4\n\n-1\t1e-3 7\n"u8.ToArray());
        var image = GrayscaleImage.Read(path);
        Assert.Equal(3, image.GetLength(0));
        Assert.Equal(3, image.GetLength(1));
        Assert.Equal(new double[,] { { 0, 0.5, 1 }, { 2, 3, 4 }, { -1, 1e-3, 7 } }, image);
    }

    [Fact]
    public void Png_OfGrayLevels_ReadsEachPixelsLevelOver255()
    {
        using var directory = new TempDirectory();
        using var bitmap = new SKBitmap(3, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        byte[] levels = [0, 64, 128, 192, 255, 17];
        for (int i = 0; i < levels.Length; i++) bitmap.SetPixel(i % 3, i / 3, new SKColor(levels[i], levels[i], levels[i]));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var image = GrayscaleImage.Read(directory.File("image.png", data.ToArray()));
        Assert.Equal(2, image.GetLength(0));
        Assert.Equal(3, image.GetLength(1));
        for (int i = 0; i < levels.Length; i++) Assert.Equal(levels[i] / 255.0, image[i / 3, i % 3], 12);
    }

    [Theory]
    [InlineData("ragged.csv", "1,2,3\n4,5\n", "line 2 has 2 values")]
    [InlineData("word.csv", "1,x\n", "('x') is not a finite number")]
    [InlineData("empty.csv", "\n\n", "holds no rows")]
    [InlineData("image.bmp", "1", "give a .csv of rows or a .png")]
    [InlineData("broken.png", "not a png", "could not be decoded")]
    public void BadFile_IsRefusedInOneLineSayingWhatToFix(string name, string contents, string expected)
    {
        using var directory = new TempDirectory();
        string path = directory.File(name, System.Text.Encoding.UTF8.GetBytes(contents));
        var error = Assert.Throws<TheoryLabException>(() => GrayscaleImage.Read(path));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void MissingFile_IsRefusedInOneLine()
    {
        var error = Assert.Throws<TheoryLabException>(() => GrayscaleImage.Read("/nonexistent/image.csv"));
        Assert.Contains("does not exist", error.Message);
    }
}
