namespace NanoOmaDm.Emulator.Components;

/// <summary>The sample "dotnet" component (tools/SampleComponent) that the build copies next to the emulator as a file
/// to deploy, not as a referenced assembly.</summary>
public static class SampleComponentImage
{
    public const string RelativePath = "components/nanoOmaDm.SampleComponent.dll";

    /// <summary>Absolute path of the image next to the running assembly.</summary>
    public static string Path
    {
        get
        {
            string path = System.IO.Path.Combine(AppContext.BaseDirectory, RelativePath);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("the sample component image is missing: " + path
                    + " (the emulator build copies it from tools/SampleComponent; rebuild the emulator)", path);
            }

            return path;
        }
    }
}
