import KubeClient

/// Schemas of the core (`v1`) kinds: the fields kubectl and this project read and write are typed, others kept.
enum CoreSchemas {
    typealias S = SchemaBuilder

    static let namespace = S.kind("Namespace provides a scope for Names. Use of multiple namespaces is optional.", [
        "spec": S.object("Spec defines the behavior of the Namespace.", [
            "finalizers": S.array("Finalizers is an opaque list of values that must be empty to permanently remove object from storage.", S.string("")),
        ]),
        "status": S.object("Status describes the current status of a Namespace.", [
            "phase": S.string("Phase is the current lifecycle phase of the namespace.", enum: ["Active", "Terminating"]),
            "conditions": S.array("Represents the latest available observations of a namespace's current state.", S.condition, mergeKey: "type"),
        ]),
    ])

    static let taint = S.object("The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint.", [
        "key": S.string("Required. The taint key to be applied to a node."),
        "value": S.string("The taint value corresponding to the taint key."),
        "effect": S.string("Required. The effect of the taint on pods that do not tolerate the taint.", enum: ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
        "timeAdded": S.time("TimeAdded represents the time at which the taint was added."),
    ], required: ["key", "effect"])

    static let node = S.kind("Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).", [
        "spec": S.object("Spec defines the behavior of a node.", [
            "podCIDR": S.string("PodCIDR represents the pod IP range assigned to the node."),
            "podCIDRs": S.array("podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node.", S.string("")),
            "providerID": S.string("ID of the node assigned by the cloud provider."),
            "taints": S.array("If specified, the node's taints.", taint, listType: "atomic"),
            "unschedulable": S.boolean("Unschedulable controls node schedulability of new pods. By default, node is schedulable."),
        ]),
        "status": S.object("Most recently observed status of the node.", [
            "addresses": S.array("List of addresses reachable to the node.", S.object("NodeAddress contains information for the node's address.", [
                "type": S.string("Node address type, one of Hostname, ExternalIP or InternalIP."), "address": S.string("The node address."),
            ], required: ["type", "address"]), mergeKey: "type"),
            "allocatable": S.stringMap("Allocatable represents the resources of a node that are available for scheduling."),
            "capacity": S.stringMap("Capacity represents the total resources of a node."),
            "conditions": S.array("Conditions is an array of current observed node conditions.", S.condition, mergeKey: "type"),
            "nodeInfo": S.object("Set of ids/uuids to uniquely identify the node.", [
                "kubeletVersion": S.string("Kubelet Version reported by the node."),
                "containerRuntimeVersion": S.string("ContainerRuntime Version reported by the node."),
                "osImage": S.string("OS Image reported by the node."), "architecture": S.string("The Architecture reported by the node"),
                "operatingSystem": S.string("The Operating System reported by the node"),
            ], preserveUnknown: true),
            "phase": S.string("NodePhase is the recently observed lifecycle phase of the node."),
        ], preserveUnknown: true),
    ])

    static let container = S.object("A single application container that you want to run within a pod.", [
        "name": S.string("Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name."),
        "image": S.string("Container image name."),
        "imagePullPolicy": S.string("Image pull policy. One of Always, Never, IfNotPresent.", enum: ["Always", "IfNotPresent", "Never"]),
        "command": S.array("Entrypoint array. Not executed within a shell.", S.string("")),
        "args": S.array("Arguments to the entrypoint.", S.string("")),
        "workingDir": S.string("Container's working directory."),
        "env": S.array("List of environment variables to set in the container.", S.object("EnvVar represents an environment variable present in a Container.", [
            "name": S.string("Name of the environment variable."), "value": S.string("Variable references $(VAR_NAME) are expanded."),
            "valueFrom": S.opaque("Source for the environment variable's value."),
        ], required: ["name"]), mergeKey: "name"),
        "envFrom": S.array("List of sources to populate environment variables in the container.", S.opaque("EnvFromSource represents the source of a set of ConfigMaps or Secrets")),
        "ports": S.array("List of ports to expose from the container.", S.object("ContainerPort represents a network port in a single container.", [
            "containerPort": S.integer("Number of port to expose on the pod's IP address."), "name": S.string("Each named port in a pod must have a unique name."),
            "protocol": S.string("Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\".", enum: ["SCTP", "TCP", "UDP"]),
            "hostPort": S.integer("Number of port to expose on the host."), "hostIP": S.string("What host IP to bind the external port to."),
        ], required: ["containerPort"]), mergeKey: "containerPort"),
        "resources": S.opaque("Compute Resources required by this container."),
        "volumeMounts": S.array("Pod volumes to mount into the container's filesystem.", S.object("VolumeMount describes a mounting of a Volume within a container.", [
            "name": S.string("This must match the Name of a Volume."), "mountPath": S.string("Path within the container at which the volume should be mounted."),
            "readOnly": S.boolean("Mounted read-only if true, read-write otherwise."), "subPath": S.string("Path within the volume from which the container's volume should be mounted."),
        ], required: ["name", "mountPath"]), mergeKey: "mountPath"),
        "livenessProbe": S.opaque("Periodic probe of container liveness."),
        "readinessProbe": S.opaque("Periodic probe of container service readiness."),
        "startupProbe": S.opaque("StartupProbe indicates that the Pod has successfully initialized."),
        "lifecycle": S.opaque("Actions that the management system should take in response to container lifecycle events."),
        "securityContext": S.opaque("SecurityContext defines the security options the container should be run with."),
    ], required: ["name"], preserveUnknown: true)

    static let toleration = S.object("The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect>.", [
        "key": S.string("Key is the taint key that the toleration applies to."), "operator": S.string("Operator represents a key's relationship to the value.", enum: ["Equal", "Exists"]),
        "value": S.string("Value is the taint value the toleration matches to."), "effect": S.string("Effect indicates the taint effect to match."),
        "tolerationSeconds": S.integer("TolerationSeconds represents the period of time the toleration tolerates the taint.", format: "int64"),
    ])

    static let podSpec = S.object("Specification of the desired behavior of the pod.", [
        "containers": S.array("List of containers belonging to the pod.", container, mergeKey: "name"),
        "initContainers": S.array("List of initialization containers belonging to the pod.", container, mergeKey: "name"),
        "nodeName": S.string("NodeName indicates in which node this pod is scheduled."),
        "nodeSelector": S.stringMap("NodeSelector is a selector which must be true for the pod to fit on a node."),
        "restartPolicy": S.string("Restart policy for all containers within the pod.", enum: ["Always", "Never", "OnFailure"]),
        "serviceAccountName": S.string("ServiceAccountName is the name of the ServiceAccount to use to run this pod."),
        "terminationGracePeriodSeconds": S.integer("Optional duration in seconds the pod needs to terminate gracefully.", format: "int64"),
        "hostname": S.string("Specifies the hostname of the Pod."), "subdomain": S.string("If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\"."),
        "tolerations": S.array("If specified, the pod's tolerations.", toleration, listType: "atomic"),
        "volumes": S.array("List of volumes that can be mounted by containers belonging to the pod.", S.object("Volume represents a named volume in a pod.", [
            "name": S.string("name of the volume."), "emptyDir": S.opaque("emptyDir represents a temporary directory that shares a pod's lifetime."),
            "configMap": S.opaque("configMap represents a configMap that should populate this volume"), "secret": S.opaque("secret represents a secret that should populate this volume."),
            "persistentVolumeClaim": S.opaque("persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace."),
        ], required: ["name"], preserveUnknown: true), mergeKey: "name"),
        "affinity": S.opaque("If specified, the pod's scheduling constraints"),
        "securityContext": S.opaque("SecurityContext holds pod-level security attributes and common container settings."),
        "priorityClassName": S.string("If specified, indicates the pod's priority."),
        "schedulerName": S.string("If specified, the pod will be dispatched by specified scheduler."),
        "topologySpreadConstraints": S.array("TopologySpreadConstraints describes how a group of pods ought to spread across topology domains.", S.opaque("TopologySpreadConstraint"), mergeKey: "topologyKey"),
    ], required: ["containers"], preserveUnknown: true)

    static let containerStatus = S.object("ContainerStatus contains details for the current status of this container.", [
        "name": S.string("Name is a DNS_LABEL representing the unique name of the container."),
        "ready": S.boolean("Ready specifies whether the container is currently passing its readiness check."),
        "started": S.boolean("Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe."),
        "restartCount": S.integer("RestartCount holds the number of times the container has been restarted."),
        "image": S.string("Image is the name of container image that the container is running."), "imageID": S.string("ImageID is the image ID of the container's image."),
        "containerID": S.string("ContainerID is the ID of the container in the format '<type>://<container_id>'."),
        "state": S.opaque("State holds details about the container's current condition."),
        "lastState": S.opaque("LastTerminationState holds the last termination state of the container."),
    ], required: ["name", "ready", "restartCount", "image", "imageID"], preserveUnknown: true)

    static let pod = S.kind("Pod is a collection of containers that can run on a host.", [
        "spec": podSpec,
        "status": S.object("Most recently observed status of the pod.", [
            "phase": S.string("The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.",
                              enum: ["Failed", "Pending", "Running", "Succeeded", "Unknown"]),
            "conditions": S.array("Current service state of pod.", S.condition, mergeKey: "type"),
            "message": S.string("A human readable message indicating details about why the pod is in this condition."),
            "reason": S.string("A brief CamelCase message indicating details about why the pod is in this state."),
            "hostIP": S.string("hostIP holds the IP address of the host to which the pod is assigned."),
            "podIP": S.string("podIP address allocated to the pod."),
            "podIPs": S.array("podIPs holds the IP addresses allocated to the pod.", S.object("PodIP represents a single IP address allocated to the pod.", ["ip": S.string("IP is the IP address assigned to the pod")]), mergeKey: "ip"),
            "startTime": S.time("RFC 3339 date and time at which the object was acknowledged by the Kubelet."),
            "containerStatuses": S.array("The list has one entry per container in the manifest.", containerStatus),
            "initContainerStatuses": S.array("The list has one entry per init container in the manifest.", containerStatus),
            "qosClass": S.string("The Quality of Service (QOS) classification assigned to the pod based on resource requirements."),
        ], preserveUnknown: true),
    ])

    static let secret = S.kind("Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.", [
        "data": ["type": "object", "description": "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string.",
                 "additionalProperties": ["type": "string", "format": "byte"]],
        "stringData": S.stringMap("stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience."),
        "type": S.string("Used to facilitate programmatic handling of secret data."),
        "immutable": S.boolean("Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified)."),
    ])

    static let configMap = S.kind("ConfigMap holds configuration data for pods to consume.", [
        "data": S.stringMap("Data contains the configuration data."),
        "binaryData": ["type": "object", "description": "BinaryData contains the binary data.", "additionalProperties": ["type": "string", "format": "byte"]],
        "immutable": S.boolean("Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified)."),
    ])

    static let service = S.kind("Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.", [
        "spec": S.object("Spec defines the behavior of a service.", [
            "type": S.string("type determines how the Service is exposed.", enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
            "selector": S.stringMap("Route service traffic to pods with label keys and values matching this selector."),
            "clusterIP": S.string("clusterIP is the IP address of the service and is usually assigned randomly."),
            "clusterIPs": S.array("ClusterIPs is a list of IP addresses assigned to this service.", S.string("")),
            "ports": S.array("The list of ports that are exposed by this service.", S.object("ServicePort contains information on service's port.", [
                "name": S.string("The name of this port within the service."), "port": S.integer("The port that will be exposed by this service."),
                "targetPort": S.intOrString("Number or name of the port to access on the pods targeted by the service."),
                "protocol": S.string("The IP protocol for this port.", enum: ["SCTP", "TCP", "UDP"]), "nodePort": S.integer("The port on each node on which this service is exposed."),
                "appProtocol": S.string("The application protocol for this port."),
            ], required: ["port"]), mergeKey: "port"),
            "publishNotReadyAddresses": S.boolean("publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready."),
            "sessionAffinity": S.string("Supports \"ClientIP\" and \"None\".", enum: ["ClientIP", "None"]),
            "externalIPs": S.array("externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.", S.string("")),
        ], preserveUnknown: true),
        "status": S.opaque("Most recently observed status of the service."),
    ])

    static let event = S.kind("Event is a report of an event somewhere in the cluster.", [
        "involvedObject": SchemaBuilder.objectReference,
        "reason": S.string("This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        "message": S.string("A human-readable description of the status of this operation."),
        "source": S.object("The component reporting this event.", ["component": S.string("Component from which the event is generated."), "host": S.string("Node name on which the event is generated.")]),
        "firstTimestamp": S.time("The time at which the event was first recorded."),
        "lastTimestamp": S.time("The time at which the most recent occurrence of this event was recorded."),
        "count": S.integer("The number of times this event has occurred."),
        "type": S.string("Type of this event (Normal, Warning), new types could be added in the future"),
        "eventTime": S.time("Time when this Event was first observed."),
        "series": S.object("Data about the Event series this event represents.", ["count": S.integer("Number of occurrences in this series up to the last heartbeat time"), "lastObservedTime": S.time("Time of the last occurrence observed")]),
        "action": S.string("What action was taken/failed regarding to the Regarding object."),
        "related": SchemaBuilder.objectReference,
        "reportingComponent": S.string("Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."),
        "reportingInstance": S.string("ID of the controller instance, e.g. `kubelet-xyzf`."),
    ], required: ["metadata", "involvedObject"])
}
