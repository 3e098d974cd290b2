namespace Baco.Tests.Architecture.Fixtures;

// Types that use one other type each, in one way, most of them only inside a method body where
// no field, signature or base type shows it: what LayerTests.TheReaderSeesUsesInsideMethodBodies
// expects TypeReferences to find.

internal sealed class Created;

internal static class Helper
{
    public static int Value() => 1;
}

internal sealed class Checked;

internal sealed class CaughtException : Exception;

internal sealed class Captured
{
    public int Value { get; init; }
}

internal sealed class TypeArgument;

internal sealed class Named;

internal sealed class Yielded;

internal sealed class FieldType;

internal class BaseType;

internal sealed class Unused;

internal sealed class CreatesInBody
{
    public static object Make() => new Created();
}

internal sealed class CallsStatic
{
    public static int Get() => Helper.Value() + 1;
}

internal sealed class TestsType
{
    public static bool Is(object o) => o is Checked;
}

internal sealed class Catches
{
    public static bool Run(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (CaughtException)
        {
            return false;
        }
    }
}

internal sealed class UsesInLambda
{
    public static Func<int> Make(int value)
    {
        return () => new Captured { Value = value }.Value;
    }
}

internal sealed class InstantiatesGeneric
{
    public static int Count() => new List<TypeArgument>().Count + Array.Empty<TypeArgument>().Length;
}

internal sealed class ReadsTypeOf
{
    public static string Name() => typeof(Named).Name;
}

internal sealed class IteratesWith
{
    public static IEnumerable<object> Items()
    {
        yield return new Yielded();
    }
}

internal sealed class HasField
{
    private readonly FieldType? _field = null;

    public bool Empty => _field is null;
}

internal sealed class Derived : BaseType;
