package io.quartermaster.identity;

/** A request to create a project, validated. */
record NewProject(String name, String description) {

  NewProject {
    Names.name("project.name", name);
    Names.description("project.description", description);
  }
}
