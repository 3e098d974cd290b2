using Baco.Training;
using Baco.Workflows;

namespace Baco.Tests.Workflows;

public class HoldOutMismatchTests
{
    [Fact]
    public void EachKindIsFoundAndDescribedWithTheCallersRemedy()
    {
        var run = ValidationHoldOut.Seeded(0.1, 3);

        var saw = HoldOutMismatch.Between(ValidationHoldOut.None, run)!;
        Assert.Equal(HoldOutMismatchKind.SawValidation, saw.Kind);
        Assert.True(saw.LeaksValidation);
        Assert.Equal("dir was computed from all training interactions, including the 10 % this run holds out for validation (seed 3), so validation scores (and early stopping) may be optimistic; do X", saw.Describe("dir", "do X"));
        Assert.EndsWith("; compute it from TrainingData.ForTraining's data", saw.Describe("dir"), StringComparison.Ordinal);

        var other = HoldOutMismatch.Between(ValidationHoldOut.Seeded(0.2, 3), run)!;
        Assert.Equal(HoldOutMismatchKind.OtherHoldOut, other.Kind);
        Assert.Equal("dir was computed with another validation hold-out (a hold-out of 0.2 with seed 3) than this run's (a hold-out of 0.1 with seed 3), so it has seen part of this run's validation interactions", other.Describe("dir", null));

        var missed = HoldOutMismatch.Between(ValidationHoldOut.Seeded(0.1, 3), ValidationHoldOut.Given)!;
        Assert.Equal(HoldOutMismatchKind.MissedTraining, missed.Kind);
        Assert.False(missed.LeaksValidation);
        Assert.Equal("dir was computed without 10 % of the training interactions (a validation hold-out) that this run trains on", missed.Describe("dir"));

        // The same hold-out, or none on either side: nothing to say.
        Assert.Null(HoldOutMismatch.Between(ValidationHoldOut.Seeded(0.1, 3), run));
        Assert.Null(HoldOutMismatch.Between(ValidationHoldOut.None, ValidationHoldOut.None));
    }
}
