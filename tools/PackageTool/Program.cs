namespace NanoOmaDm.PackageTool;

/// <summary>dotnet run --project tools/PackageTool -- keygen|pack|inspect ...</summary>
public static class Program
{
    public static int Main(string[] args) => PackageToolCommand.Run(args, Console.Out);
}
