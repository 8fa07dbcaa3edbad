import KubeClient

/// Schemas of the built-in kinds outside the core group: `apps`, `policy`, `coordination.k8s.io`,
/// `events.k8s.io` and `apiextensions.k8s.io`.
enum GroupSchemas {
    typealias S = SchemaBuilder

    static let statefulSet = S.kind("StatefulSet represents a set of pods with consistent identities.", [
        "spec": S.object("Spec defines the desired identities of pods in this set.", [
            "replicas": S.integer("replicas is the desired number of replicas of the given Template."),
            "selector": S.labelSelector,
            "serviceName": S.string("serviceName is the name of the service that governs this StatefulSet."),
            "template": S.object("template is the object that describes the pod that will be created if insufficient replicas are detected.", [
                "metadata": S.object("Standard object's metadata.", preserveUnknown: true),
                "spec": CoreSchemas.podSpec,
            ]),
            "volumeClaimTemplates": S.array("volumeClaimTemplates is a list of claims that pods are allowed to reference.", S.opaque("PersistentVolumeClaim is a user's request for and claim to a persistent volume")),
            "podManagementPolicy": S.string("podManagementPolicy controls how pods are created during initial scale up.", enum: ["OrderedReady", "Parallel"]),
            "updateStrategy": S.opaque("updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template."),
            "revisionHistoryLimit": S.integer("revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history."),
            "minReadySeconds": S.integer("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available."),
            "persistentVolumeClaimRetentionPolicy": S.opaque("persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates."),
            "ordinals": S.opaque("ordinals controls the numbering of replica indices in a StatefulSet."),
        ], required: ["selector", "template"]),
        "status": S.object("Status is the current status of Pods in this StatefulSet.", [
            "observedGeneration": S.integer("observedGeneration is the most recent generation observed for this StatefulSet.", format: "int64"),
            "replicas": S.integer("replicas is the number of Pods created by the StatefulSet controller."),
            "readyReplicas": S.integer("readyReplicas is the number of pods created for this StatefulSet with a Ready Condition."),
            "currentReplicas": S.integer("currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision."),
            "updatedReplicas": S.integer("updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision."),
            "availableReplicas": S.integer("Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset."),
            "currentRevision": S.string("currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas)."),
            "updateRevision": S.string("updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)"),
            "collisionCount": S.integer("collisionCount is the count of hash collisions for the StatefulSet."),
            "conditions": S.array("Represents the latest available observations of a statefulset's current state.", S.condition, mergeKey: "type"),
        ], required: ["replicas"]),
    ])

    static let deployment = S.kind("Deployment enables declarative updates for Pods and ReplicaSets.", [
        "spec": S.object("Specification of the desired behavior of the Deployment.", [
            "replicas": S.integer("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."),
            "selector": S.labelSelector,
            "template": S.object("Template describes the pods that will be created.", [
                "metadata": S.object("Standard object's metadata.", preserveUnknown: true),
                "spec": CoreSchemas.podSpec,
            ]),
            "strategy": S.object("The deployment strategy to use to replace existing pods with new ones.", [
                "type": S.string("Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate.", enum: ["Recreate", "RollingUpdate"]),
                "rollingUpdate": S.object("Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.", [
                    "maxSurge": S.intOrString("The maximum number of pods that can be scheduled above the desired number of pods."),
                    "maxUnavailable": S.intOrString("The maximum number of pods that can be unavailable during the update."),
                ]),
            ]),
            "minReadySeconds": S.integer("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available."),
            "revisionHistoryLimit": S.integer("The number of old ReplicaSets to retain to allow rollback. Defaults to 10."),
            "paused": S.boolean("Indicates that the deployment is paused."),
            "progressDeadlineSeconds": S.integer("The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s."),
        ], required: ["selector", "template"]),
        "status": S.object("Most recently observed status of the Deployment.", [
            "observedGeneration": S.integer("The generation observed by the deployment controller.", format: "int64"),
            "replicas": S.integer("Total number of non-terminated pods targeted by this deployment (their labels match the selector)."),
            "updatedReplicas": S.integer("Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            "readyReplicas": S.integer("Total number of non-terminated pods targeted by this Deployment with a Ready Condition."),
            "availableReplicas": S.integer("Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment."),
            "unavailableReplicas": S.integer("Total number of unavailable pods targeted by this deployment."),
            "collisionCount": S.integer("Count of hash collisions for the Deployment."),
            "conditions": S.array("Represents the latest available observations of a deployment's current state.", S.condition, mergeKey: "type"),
        ]),
    ])

    static let podDisruptionBudget = S.kind("PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods", [
        "spec": S.object("Specification of the desired behavior of the PodDisruptionBudget.", [
            "minAvailable": S.intOrString("An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction."),
            "maxUnavailable": S.intOrString("An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction."),
            "selector": S.labelSelector,
            "unhealthyPodEvictionPolicy": S.string("UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction.", enum: ["AlwaysAllow", "IfHealthyBudget"]),
        ]),
        "status": S.object("Most recently observed status of the PodDisruptionBudget.", [
            "observedGeneration": S.integer("Most recent generation observed when updating this PDB status.", format: "int64"),
            "disruptedPods": ["type": "object", "description": "DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller.",
                              "additionalProperties": S.time("")],
            "disruptionsAllowed": S.integer("Number of pod disruptions that are currently allowed."),
            "currentHealthy": S.integer("current number of healthy pods"),
            "desiredHealthy": S.integer("minimum desired number of healthy pods"),
            "expectedPods": S.integer("total number of pods counted by this disruption budget"),
            "conditions": S.array("Conditions contain conditions for PDB.", S.condition, mergeKey: "type"),
        ], required: ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"]),
    ])

    static let lease = S.kind("Lease defines a lease concept.", [
        "spec": S.object("spec contains the specification of the Lease.", [
            "holderIdentity": S.string("holderIdentity contains the identity of the holder of a current lease."),
            "leaseDurationSeconds": S.integer("leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it."),
            "acquireTime": S.time("acquireTime is a time when the current lease was acquired (MicroTime, six fractional digits)."),
            "renewTime": S.time("renewTime is a time when the current holder of a lease has last updated the lease (MicroTime, six fractional digits)."),
            "leaseTransitions": S.integer("leaseTransitions is the number of transitions of a lease between holders."),
            "strategy": S.string("Strategy indicates the strategy for picking the leader for coordinated leader election."),
            "preferredHolder": S.string("PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up."),
        ]),
    ])

    static let event = S.kind("Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system.", [
        "eventTime": S.time("eventTime is the time when this Event was first observed. It is required (MicroTime, six fractional digits)."),
        "series": S.object("series is data about the Event series this event represents or nil if it's a singleton Event.", [
            "count": S.integer("count is the number of occurrences in this series up to the last heartbeat time."),
            "lastObservedTime": S.time("lastObservedTime is the time when last Event from the series was seen before last heartbeat."),
        ], required: ["count", "lastObservedTime"]),
        "reportingController": S.string("reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."),
        "reportingInstance": S.string("reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`."),
        "action": S.string("action is what action was taken/failed regarding to the regarding object."),
        "reason": S.string("reason is why the action was taken. It is human-readable."),
        "regarding": SchemaBuilder.objectReference,
        "related": SchemaBuilder.objectReference,
        "note": S.string("note is a human-readable description of the status of this operation."),
        "type": S.string("type is the type of this event (Normal, Warning), new types could be added in the future."),
        "deprecatedSource": S.object("deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type.", ["component": S.string(""), "host": S.string("")]),
        "deprecatedFirstTimestamp": S.time("deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
        "deprecatedLastTimestamp": S.time("deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
        "deprecatedCount": S.integer("deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type."),
    ], required: ["eventTime"])

    static let customResourceDefinition = S.kind("CustomResourceDefinition represents a resource that should be exposed on the API server. Its name MUST be in the format <.spec.name>.<.spec.group>.", [
        "spec": S.object("spec describes how the user wants the resources to appear", [
            "group": S.string("group is the API group of the defined custom resource."),
            "names": S.object("names specify the resource and kind names for the custom resource.", [
                "plural": S.string("plural is the plural name of the resource to serve."), "singular": S.string("singular is the singular name of the resource."),
                "kind": S.string("kind is the serialized kind of the resource."), "listKind": S.string("listKind is the serialized kind of the list for this resource."),
                "shortNames": S.array("shortNames are short names for the resource, exposed in API discovery documents.", S.string("")),
                "categories": S.array("categories is a list of grouped resources this custom resource belongs to (e.g. 'all').", S.string("")),
            ], required: ["plural", "kind"]),
            "scope": S.string("scope indicates whether the defined custom resource is cluster- or namespace-scoped.", enum: ["Cluster", "Namespaced"]),
            "versions": S.array("versions is the list of all API versions of the defined custom resource.", S.object("CustomResourceDefinitionVersion describes a version for CRD.", [
                "name": S.string("name is the version name, e.g. \"v1\", \"v2beta1\", etc."),
                "served": S.boolean("served is a flag enabling/disabling this version from being served via REST APIs"),
                "storage": S.boolean("storage indicates this version should be used when persisting custom resources to storage."),
                "deprecated": S.boolean("deprecated indicates this version of the custom resource API is deprecated."),
                "schema": S.opaque("schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource."),
                "subresources": S.opaque("subresources specify what subresources this version of the defined custom resource have."),
                "additionalPrinterColumns": S.array("additionalPrinterColumns specifies additional columns returned in Table output.", S.object("CustomResourceColumnDefinition specifies a column for server side printing.", [
                    "name": S.string("name is a human readable name for the column."), "type": S.string("type is an OpenAPI type definition for this column."),
                    "format": S.string("format is an optional OpenAPI type definition for this column."), "description": S.string("description is a human readable description of this column."),
                    "priority": S.integer("priority is an integer defining the relative importance of this column compared to others."),
                    "jsonPath": S.string("jsonPath is a simple JSON path (i.e. with array notation) which is evaluated against each custom resource to produce the value for this column."),
                ], required: ["name", "type", "jsonPath"]), listType: "atomic"),
                "selectableFields": S.array("selectableFields specifies paths to fields that may be used as field selectors.", S.opaque("SelectableField specifies the JSON path of a field that may be used with field selectors.")),
            ], required: ["name", "served", "storage"]), listType: "atomic"),
            "conversion": S.opaque("conversion defines conversion settings for the CRD."),
            "preserveUnknownFields": S.boolean("preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage."),
        ], required: ["group", "names", "scope", "versions"]),
        "status": S.object("status indicates the actual state of the CustomResourceDefinition", [
            "acceptedNames": S.opaque("acceptedNames are the names that are actually being used to serve discovery."),
            "conditions": S.array("conditions indicate state for particular aspects of a CustomResourceDefinition", S.condition, listType: "map"),
            "storedVersions": S.array("storedVersions lists all versions of CustomResources that were ever persisted.", S.string("")),
        ]),
    ], required: ["spec"])
}
