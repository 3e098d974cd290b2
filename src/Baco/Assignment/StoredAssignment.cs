using System.Text.Json.Nodes;
using Baco.Codebooks;
using Baco.Data;

namespace Baco.Assignment;

/// <summary>What <see cref="AssignmentStore.Load"/> returns: the assignment, both id maps and the summary.</summary>
/// <param name="Assignment">Codebook assignment (codes and offsets of both sides).</param>
/// <param name="Users">Dense user id to the user's own id.</param>
/// <param name="Items">Dense item id to the user's own id.</param>
/// <param name="Summary">The caller's summary JSON, as written.</param>
public sealed record StoredAssignment(CodebookAssignment Assignment, IdMap Users, IdMap Items, JsonNode Summary);
