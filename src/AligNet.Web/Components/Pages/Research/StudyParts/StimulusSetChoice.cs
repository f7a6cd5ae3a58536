namespace AligNet.Web.Components.Pages.Research.StudyParts;

/// <summary>A stimulus set as the study editor offers it.</summary>
public sealed record StimulusSetChoice(Guid Id, string Name, int Stimuli);
