namespace TheoryLab.Data;

/// <summary>
/// The MNIST-family datasets TheoryLab knows: MNIST, Fashion-MNIST and KMNIST, with their published file names,
/// sizes and SHA-256 digests (as recorded in TensorFlow Datasets' url_checksums files).
/// </summary>
public static class MnistFamily
{
    private const string DigestSource = "tensorflow/datasets, tensorflow_datasets/url_checksums";

    /// <summary>MNIST (LeCun, Cortes, Burges): handwritten digits, 60,000 training and 10,000 test images.</summary>
    public static MnistFamilyDataset Mnist { get; } = new(
        "mnist", "MNIST (LeCun, Cortes, Burges)",
        [new("https://storage.googleapis.com/cvdf-datasets/mnist/"), new("https://ossci-datasets.s3.amazonaws.com/mnist/")],
        new("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9912422),
        new("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881),
        new("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877),
        new("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542),
        DigestSource + "/mnist.txt",
        new("MNIST", ["lecun1998mnist"]));

    /// <summary>Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): Zalando article images in MNIST's format and sizes.</summary>
    public static MnistFamilyDataset FashionMnist { get; } = new(
        "fashion-mnist", "Fashion-MNIST (Xiao, Rasul, Vollgraf 2017)",
        [new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), new("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")],
        new("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26421880),
        new("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29515),
        new("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4422102),
        new("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5148),
        DigestSource + "/fashion_mnist.txt",
        new("Fashion-MNIST", ["xiao2017fashion"]));

    /// <summary>Kuzushiji-MNIST (Clanuwat et al. 2018): ten classes of cursive Japanese characters in MNIST's format.</summary>
    public static MnistFamilyDataset Kmnist { get; } = new(
        "kmnist", "Kuzushiji-MNIST (Clanuwat et al. 2018)",
        [new("https://codh.rois.ac.jp/kmnist/dataset/kmnist/"), new("http://codh.rois.ac.jp/kmnist/dataset/kmnist/")],
        new("train-images-idx3-ubyte.gz", "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4", 18165135),
        new("train-labels-idx1-ubyte.gz", "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17", 29497),
        new("t10k-images-idx3-ubyte.gz", "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5", 3041136),
        new("t10k-labels-idx1-ubyte.gz", "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c", 5120),
        DigestSource + "/kmnist.txt",
        new("KMNIST", ["clanuwat2018deep"]));

    /// <summary>All three.</summary>
    public static IReadOnlyList<MnistFamilyDataset> All { get; } = [Mnist, FashionMnist, Kmnist];

    /// <summary>The member called <paramref name="name"/> ("mnist", "fashion-mnist", "kmnist").</summary>
    public static MnistFamilyDataset Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new TheoryLabException($"no MNIST-family dataset is called '{name}'{Suggestions.DidYouMean(name, All.Select(d => d.Name))}.");
}
