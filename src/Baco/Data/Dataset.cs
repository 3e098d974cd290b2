namespace Baco.Data;

/// <summary>
/// Train / validation / test interactions read against one id space.
/// <see cref="Users"/> and <see cref="Items"/> translate dense ids back to the user's own ids.
/// </summary>
public sealed record Dataset(IdMap Users, IdMap Items, InteractionList Train, InteractionList? Validation = null, InteractionList? Test = null)
{
    /// <summary>The users' id map.</summary>
    public IdMap Users { get; init; } = Users ?? throw new ArgumentNullException(nameof(Users));

    /// <summary>The items' id map.</summary>
    public IdMap Items { get; init; } = Items ?? throw new ArgumentNullException(nameof(Items));

    /// <summary>The training interactions.</summary>
    public InteractionList Train { get; init; } = Train ?? throw new ArgumentNullException(nameof(Train));

    /// <summary>Number of users in the shared id space (including those with no training interaction).</summary>
    public int UserCount => Users.Count;

    /// <summary>Number of items in the shared id space.</summary>
    public int ItemCount => Items.Count;
}
