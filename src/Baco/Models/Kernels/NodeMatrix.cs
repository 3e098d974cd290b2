namespace Baco.Models.Kernels;

/// <summary>
/// A node-space matrix (users then items, dim floats per row) whose user and item blocks may
/// live in different arrays: user row u is at Users[(UserBase + u) * dim], item row i at
/// Items[(ItemBase + i) * dim]. Lets kernels read codebooks and write gradients in place
/// instead of copying them into one node-space buffer.
/// </summary>
internal readonly record struct NodeMatrix(float[] Users, int UserBase, float[] Items, int ItemBase)
{
    /// <summary>A single node-space array (items follow the userCount user rows).</summary>
    public static NodeMatrix Joint(float[] buffer, int userCount) => new(buffer, 0, buffer, userCount);

    /// <summary>Separate user and item arrays.</summary>
    public static NodeMatrix Split(float[] users, float[] items) => new(users, 0, items, 0);

    /// <summary>Array and element offset of node row r.</summary>
    public (float[] Array, int Offset) Row(int r, int userCount, int dim)
        => r < userCount ? (Users, (UserBase + r) * dim) : (Items, (ItemBase + r - userCount) * dim);
}
